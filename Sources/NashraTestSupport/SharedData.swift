import Foundation

/// The shared test material beside the project (`../shared/data`, or `NASHRA_SHARED_DATA`).
public enum SharedData {
    /// The data folder.
    public static var folder: URL {
        ProcessInfo.processInfo.environment["NASHRA_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// A file of the data folder.
    /// - Throws: ``Missing`` naming the path when it is not there: tests that need it fail loudly.
    public static func file(_ relative: String) throws -> URL {
        let file = folder.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw Missing(path: file.standardizedFileURL.path)
        }
        return file
    }

    /// The shared data is not where the tests look for it.
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "shared test data is missing: \(path) (the shared data folder beside the project, or NASHRA_SHARED_DATA)"
        }
    }
}
