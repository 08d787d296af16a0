import Foundation
import MultipartKit
import NIOCore

/// The upload reader of Sources/NashraWeb/Admin/MediaController.swift ("MARK: - Multipart":
/// `boundary(of:)`, `parts(of:boundary:)`, `parameter(_:in:)`), copied line for line because there
/// it is internal to a Hummingbird controller. The one difference: the controller turns the
/// parser's error into `HTTPError(.badRequest)`; here it is rethrown as it is.
/// Keep this copy in step with the controller.
enum MultipartForm {
    struct Part {
        var fileName: String?
        var bytes: [UInt8] = []
    }

    static func boundary(of contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            let value = piece.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 200 ? nil : value
        }
        return nil
    }

    /// The parts by field name (the first of each name).
    static func parts(of body: ByteBuffer, boundary: String) throws -> [String: Part] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [String: Part] = [:]
        var name: String?
        var current = Part()
        parser.onHeader = { field, value in
            guard field.lowercased() == "content-disposition" else { return }
            name = Self.parameter("name", in: value)
            current.fileName = Self.parameter("filename", in: value)
        }
        parser.onBody = { buffer in
            current.bytes.append(contentsOf: buffer.readableBytesView)
        }
        parser.onPartComplete = {
            if let name, parts[name] == nil { parts[name] = current }
            name = nil
            current = Part()
        }
        try parser.execute(body)
        return parts
    }

    /// A parameter of a `Content-Disposition` value, e.g. `name` in `form-data; name="file"`.
    static func parameter(_ wanted: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == wanted else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}
