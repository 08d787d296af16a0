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
