import Foundation

/// A POSIX ustar archive, written and read a file at a time through fixed buffers, so a database of
/// any size passes without being held in memory. Only regular files, names up to 100 bytes.
public struct TarWriter {
    private let handle: FileHandle

    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw BackupError("cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// Adds the file at `source` as `name`; `each` sees every chunk (for its digest).
    public func add(file source: String, as name: String, each: (Data) -> Void) throws -> Int {
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: source))
        defer { try? input.close() }
        let size = Int(try input.seekToEnd())
        try input.seek(toOffset: 0)
        try handle.write(contentsOf: try Self.header(name: name, size: size))
        var written = 0
        while written < size, let chunk = try input.read(upToCount: min(1 << 20, size - written)), !chunk.isEmpty {
            each(chunk)
            try handle.write(contentsOf: chunk)
            written += chunk.count
        }
        guard written == size else { throw BackupError("\(source) changed size while it was copied") }
        try handle.write(contentsOf: Data(count: (512 - size % 512) % 512))
        return size
    }

    public func add(data: Data, as name: String) throws {
        try handle.write(contentsOf: try Self.header(name: name, size: data.count))
        try handle.write(contentsOf: data)
        try handle.write(contentsOf: Data(count: (512 - data.count % 512) % 512))
    }

    /// Two empty blocks end the archive; the file is flushed to disk before it is called done.
    public func finish() throws {
        try handle.write(contentsOf: Data(count: 1024))
        try handle.synchronize()
        try handle.close()
    }

    static func header(name: String, size: Int) throws -> Data {
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 100 else {
            throw BackupError("name too long for the archive: \(name)")
        }
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int) {
            for (index, byte) in bytes.enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(nameBytes, at: 0)
        put(octal(0o600, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(Int(Date().timeIntervalSince1970), width: 12), at: 136)
        put(Array("        ".utf8), at: 148)
        block[156] = UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0], at: 257)
        put(Array("00".utf8), at: 263)
        let sum = block.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 7) + [0x20], at: 148)
        return Data(block)
    }
}

/// Reads a ustar archive member by member.
public struct TarReader {
    private let handle: FileHandle

    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupError("cannot open \(path)") }
        self.handle = handle
    }

    /// The next member's name and size, or nil at the end; then ``copy(size:to:each:)`` must read it.
    public func next() throws -> (name: String, size: Int)? {
        guard let block = try handle.read(upToCount: 512), block.count == 512 else {
            throw BackupError("the archive ends in the middle (truncated?)")
        }
        if block.allSatisfy({ $0 == 0 }) { return nil }
        let bytes = [UInt8](block)
        var stored = bytes
        for index in 148..<156 { stored[index] = 0x20 }
        let sum = stored.reduce(0) { $0 + Int($1) }
        func field(_ range: Range<Int>) -> String {
            String(decoding: bytes[range].prefix { $0 != 0 }, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        guard Int(field(148..<156), radix: 8) == sum else { throw BackupError("a damaged archive header") }
        guard bytes[156] == UInt8(ascii: "0") || bytes[156] == 0, let size = Int(field(124..<136), radix: 8) else {
            throw BackupError("an archive member that is not a plain file")
        }
        return (field(0..<100), size)
    }

    /// Copies the current member into `destination` (or skips it when nil).
    public func copy(size: Int, to destination: FileHandle?, each: (Data) -> Void) throws {
        var left = size
        while left > 0 {
            guard let chunk = try handle.read(upToCount: min(1 << 20, left)), !chunk.isEmpty else {
                throw BackupError("the archive ends in the middle (truncated?)")
            }
            each(chunk)
            try destination?.write(contentsOf: chunk)
            left -= chunk.count
        }
        let padding = (512 - size % 512) % 512
        if padding > 0 { _ = try handle.read(upToCount: padding) }
    }
}

/// Why a backup or a restore stopped, in one line a person can act on.
public struct BackupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
