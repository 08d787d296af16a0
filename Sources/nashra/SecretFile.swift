import Foundation

/// The site's signing secret: 32 random bytes in `secret.key` inside the data folder, created on
/// first start with owner-only permissions. Losing it only expires open forms and pending cookies.
enum SecretFile {
    static func load(directory: String) throws -> [UInt8] {
        let path = (directory as NSString).appendingPathComponent("secret.key")
        if let data = FileManager.default.contents(atPath: path), data.count >= 32 {
            return [UInt8](data)
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard
            FileManager.default.createFile(atPath: path, contents: Data(secret), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        return secret
    }
}
