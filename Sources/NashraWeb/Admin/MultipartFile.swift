import Foundation

/// A `multipart/form-data` body kept in a file (an upload too large to hold in memory), read through
/// a memory map: its small fields as text, and one file part copied out to a file of its own.
enum MultipartFile {
    struct Parts {
        var fields: [String: String] = [:]
        var fileName: String?
        var filePath: String?
    }

    /// Splits the body at `path`; the part named `fileField` is written to `destination`.
    static func split(_ path: String, boundary: String, fileField: String, destination: String) throws -> Parts {
        let body = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        let delimiter = Data(("--" + boundary).utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts = Parts()
        guard var start = body.range(of: delimiter)?.upperBound else { return parts }
        while let next = body.range(of: delimiter, in: start..<body.endIndex) {
            // A part: CRLF, headers, blank line, content, CRLF before the next delimiter.
            guard let headersEnd = body.range(of: headerEnd, in: start..<next.lowerBound) else { break }
            let headers = String(decoding: body[start..<headersEnd.lowerBound], as: UTF8.self)
            let contentStart = headersEnd.upperBound
            let contentEnd = max(contentStart, next.lowerBound - 2)
            if let name = parameter("name", in: headers) {
                if name == fileField {
                    parts.fileName = parameter("filename", in: headers)
                    guard
                        FileManager.default.createFile(
                            atPath: destination, contents: body[contentStart..<contentEnd],
                            attributes: [.posixPermissions: 0o600])
                    else { throw CocoaError(.fileWriteNoPermission) }
                    parts.filePath = destination
                } else if contentEnd - contentStart <= 4096 {
                    parts.fields[name] = String(decoding: body[contentStart..<contentEnd], as: UTF8.self)
                }
            }
            start = next.upperBound
            if body[start..<min(start + 2, body.endIndex)] == Data("--".utf8) { break }
        }
        return parts
    }

    /// `name="value"` in a part's Content-Disposition.
    static func parameter(_ wanted: String, in headers: String) -> String? {
        for line in headers.split(whereSeparator: \.isNewline) where line.lowercased().hasPrefix("content-disposition:")
        {
            for piece in line.split(separator: ";") {
                let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == wanted {
                    return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                }
            }
        }
        return nil
    }
}
