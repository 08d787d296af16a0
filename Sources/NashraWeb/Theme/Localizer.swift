import Foundation

/// Interface strings of one language, read from the theme's `locales/LANG.json`.
///
/// A value is either a string or, for counted phrases, an object of CLDR plural forms
/// (`zero`, `one`, `two`, `few`, `many`, `other`) where `{n}` stands for the number.
public struct Localizer: Sendable {
    public let language: String
    /// The plain strings, for templates (`{{t.key}}`).
    public let strings: [String: String]
    let plurals: [String: [String: String]]

    /// Whether the locale has `key`, as a string or as plural forms.
    func has(_ key: String) -> Bool { strings[key] != nil || plurals[key] != nil }

    public init(language: String, json: Data) throws {
        guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw ThemeError.invalidLocale(language, "the file is not a JSON object")
        }
        var strings: [String: String] = [:]
        var plurals: [String: [String: String]] = [:]
        for (key, value) in object {
            if let text = value as? String {
                strings[key] = text
            } else if let forms = value as? [String: String], forms["other"] != nil {
                plurals[key] = forms
            } else {
                throw ThemeError.invalidLocale(language, "\"\(key)\" must be a string or plural forms with \"other\"")
            }
        }
        self.language = language
        self.strings = strings
        self.plurals = plurals
    }

    /// The string for `key`; the key itself when missing, so a gap shows instead of crashing.
    public func text(_ key: String) -> String {
        strings[key] ?? key
    }

    /// The counted phrase for `key` with `{n}` replaced by `count`.
    public func plural(_ key: String, _ count: Int) -> String {
        guard let forms = plurals[key] else { return "\(count)" }
        let form = forms[Self.category(of: count, language: language)] ?? forms["other"] ?? ""
        return form.replacingOccurrences(of: "{n}", with: String(count))
    }

    /// All keys, plain and plural; used to check that every locale is complete.
    public var keys: Set<String> { Set(strings.keys).union(plurals.keys) }

    /// The CLDR plural category of an integer.
    static func category(of count: Int, language: String) -> String {
        let n = abs(count)
        switch language {
        case "ar":
            if n == 0 { return "zero" }
            if n == 1 { return "one" }
            if n == 2 { return "two" }
            if (3...10).contains(n % 100) { return "few" }
            if (11...99).contains(n % 100) { return "many" }
            return "other"
        default:
            return n == 1 ? "one" : "other"
        }
    }
}

/// Problems loading a theme; reported at start-up, never at request time.
public enum ThemeError: Error, CustomStringConvertible {
    case missingDirectory(String)
    case invalidLocale(String, String)
    case missingTemplate(String)
    case missingLocaleKey(String, String)
    case invalidTemplate(String, line: Int, problem: String)

    public var description: String {
        switch self {
        case .missingDirectory(let path): "theme folder not found: \(path) (use --theme DIR)"
        case .invalidLocale(let language, let problem): "locale \(language): \(problem)"
        case .missingTemplate(let name): "theme template missing: \(name).mustache"
        case .missingLocaleKey(let language, let key): "locale \(language): no string for \"\(key)\""
        case .invalidTemplate(let file, let line, let problem): "theme template \(file), line \(line): \(problem)"
        }
    }
}
