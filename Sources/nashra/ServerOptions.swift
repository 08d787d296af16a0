import ArgumentParser
import Foundation

/// Options shared by every command that opens the data folder.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Folder holding the SQLite database, media copies and secret (env NASHRA_DATA).")
    var data: String?

    @Option(
        name: .long,
        help:
            "sqlite:PATH or postgres://user:password@host:port/name?sslmode=disable|prefer|require (env NASHRA_DATABASE); default: the SQLite file in --data."
    )
    var database: String?

    @Option(name: .long, help: "JSON file with defaults for any option, e.g. {\"port\": 8080} (env NASHRA_CONFIG).")
    var config: String?

    /// The settings' sources, with the config file read once.
    func settings() throws -> SettingSources {
        try SettingSources(configPath: config ?? ProcessInfo.processInfo.environment["NASHRA_CONFIG"])
    }

    func dataDirectory() throws -> String {
        try settings().dataDirectory(data)
    }
}

/// Where a setting's value comes from: flag, then `NASHRA_*` environment, then config file, then default.
struct SettingSources {
    let file: [String: String]
    let environment = ProcessInfo.processInfo.environment

    /// Reads the config file at `configPath` once; a missing or malformed file is an error that names it.
    init(configPath: String?) throws {
        guard let path = configPath else {
            file = [:]
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("config file not found: \(path)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ValidationError("config file \(path): not a JSON object")
        }
        file = object.compactMapValues { value in
            switch value {
            case let text as String: text
            case let number as NSNumber: number.stringValue
            default: nil
            }
        }
    }

    func value(_ flag: String?, env: String, key: String, default fallback: String) -> String {
        if let flag { return flag }
        if let value = environment[env], !value.isEmpty { return value }
        return file[key] ?? fallback
    }

    /// A switch: on when the flag is given, or the environment or config file says `true`/`1`/`yes`
    /// (a JSON `true` reads as `1`).
    func isOn(_ flag: Bool, env: String, key: String) throws -> Bool {
        if flag { return true }
        let text = value(nil, env: env, key: key, default: "false").lowercased()
        switch text {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off", "": return false
        default: throw ValidationError("\(key) (\(env)): \(text) is not true or false")
        }
    }

    /// A number of seconds or a count within `range`, named in the error when it is not.
    func number(_ flag: Double?, env: String, key: String, default fallback: Double, range: ClosedRange<Double>)
        throws -> Double
    {
        let text = value(flag.map { String($0) }, env: env, key: key, default: String(fallback))
        guard let number = Double(text), range.contains(number) else {
            throw ValidationError(
                "\(key) (\(env)): \(text) is not a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func dataDirectory(_ flag: String?) -> String {
        value(flag, env: "NASHRA_DATA", key: "data", default: "./nashra-data")
    }
}
