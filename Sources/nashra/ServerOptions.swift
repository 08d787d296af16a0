import ArgumentParser
import Foundation

/// Options shared by every command that opens the data folder.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Folder holding the SQLite database (env NASHRA_DATA).")
    var data: String?

    @Option(name: .long, help: "JSON file with defaults for any option, e.g. {\"port\": 8080} (env NASHRA_CONFIG).")
    var config: String?

    /// The value of a setting: flag, then environment, then config file, then default.
    func resolve(_ flag: String?, env: String, key: String, default fallback: String) throws -> String {
        if let flag { return flag }
        if let value = ProcessInfo.processInfo.environment[env], !value.isEmpty { return value }
        if let value = try configFile()[key] { return value }
        return fallback
    }

    func dataDirectory() throws -> String {
        try resolve(data, env: "NASHRA_DATA", key: "data", default: "./nashra-data")
    }

    /// The config file's entries as text; a missing or malformed file is an error that names it.
    func configFile() throws -> [String: String] {
        guard let path = config ?? ProcessInfo.processInfo.environment["NASHRA_CONFIG"] else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("config file not found: \(path)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ValidationError("config file \(path): not a JSON object")
        }
        return object.compactMapValues { value in
            switch value {
            case let text as String: text
            case let number as NSNumber: number.stringValue
            default: nil
            }
        }
    }
}
