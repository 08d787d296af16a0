import Foundation
import Hummingbird
import NIOPosix
import NashraCore

/// Where uploaded and imported pictures' bytes go: the node's media folder, then the shared storage
/// of several nodes (PostgreSQL). The newsroom's uploads, its import page and `nashra wordpress
/// import` all write through here.
public struct MediaFiles: MediaFileWriting {
    let directory: String
    let shared: (any MediaStorage)?

    public init(directory: String, shared: (any MediaStorage)?) {
        self.directory = directory
        self.shared = shared
    }

    public func writeMedia(fileName: String, bytes: [UInt8]) async throws {
        try await Self.writeFile(bytes, to: (directory as NSString).appendingPathComponent(fileName))
        try await shared?.storeMedia(fileName: fileName, bytes: bytes)
    }

    /// The file's bytes from the media folder, or from the shared storage (kept in the folder
    /// from then on) when it was uploaded on another node; nil when neither has it.
    func read(fileName: String) async throws -> [UInt8]? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        let local = try await NIOThreadPool.singleton.runIfActive { FileManager.default.contents(atPath: path) }
        if let local { return [UInt8](local) }
        guard let shared, let bytes = try await shared.mediaBytes(fileName: fileName) else { return nil }
        try await Self.writeFile(bytes, to: path)
        return bytes
    }

    /// Hands files already in the media folder to the shared storage, for the other nodes.
    func share(_ fileNames: [String]) async throws {
        guard let shared else { return }
        for name in fileNames {
            let path = (directory as NSString).appendingPathComponent(name)
            guard
                let data = try await NIOThreadPool.singleton.runIfActive({ FileManager.default.contents(atPath: path) })
            else { throw CocoaError(.fileNoSuchFile) }
            try await shared.storeMedia(fileName: name, bytes: [UInt8](data))
        }
    }

    /// Removes files from the media folder (copies no longer listed); a missing one is no error.
    func remove(_ fileNames: [String]) async {
        for name in fileNames where !name.contains("/") {
            let path = (directory as NSString).appendingPathComponent(name)
            _ = try? await NIOThreadPool.singleton.runIfActive { try FileManager.default.removeItem(atPath: path) }
        }
    }

    /// Writes to a temporary name and renames, so a crash never leaves half a file under the real name.
    /// The file system calls run on NIO's thread pool, never on the cooperative threads that serve site.
    static func writeFile(_ bytes: [UInt8], to path: String) async throws {
        try await NIOThreadPool.singleton.runIfActive {
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // A name of its own per writer: two requests filling the same local copy never share one.
            let temporary = path + "." + Signer.randomID(bytes: 6) + ".part"
            // 0644: readable, never executable.
            guard
                FileManager.default.createFile(
                    atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o644])
            else { throw HTTPError(.internalServerError) }
            // rename(2) replaces in one step: a reader sees the old file or the whole new one.
            guard rename(temporary, path) == 0 else {
                try? FileManager.default.removeItem(atPath: temporary)
                throw HTTPError(.internalServerError)
            }
        }
    }
}
