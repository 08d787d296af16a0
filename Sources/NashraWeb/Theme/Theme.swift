import Foundation
import Hummingbird
import Mustache

/// A loaded theme: templates, interface strings per language, and static assets kept in memory.
public struct Theme: Sendable {
    /// Templates every theme must have.
    static let requiredTemplates = [
        "home", "list", "article", "error", "layout-top", "layout-bottom", "card", "comment", "search", "pagination",
        "admin-top", "admin-bottom", "admin-errors", "admin-login", "admin-setup",
        "admin-dashboard",
        "admin-articles", "admin-editor", "admin-revisions", "admin-comments", "admin-sections", "admin-tags",
        "admin-authors", "admin-users", "admin-settings", "admin-audit", "admin-media", "admin-account",
    ]

    let library: MustacheLibrary
    let localizers: [String: Localizer]
    let assets: [String: StaticAsset]

    /// Loads `templates/*.mustache`, `locales/*.json` and `assets/*` from `directory`.
    public init(directory: String) async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ThemeError.missingDirectory(directory)
        }
        let root = URL(fileURLWithPath: directory)
        library = try await MustacheLibrary(directory: root.appendingPathComponent("templates").path)
        for name in Self.requiredTemplates where library.getTemplate(named: name) == nil {
            throw ThemeError.missingTemplate(name)
        }
        var localizers: [String: Localizer] = [:]
        let localeFolder = root.appendingPathComponent("locales")
        for file in try FileManager.default.contentsOfDirectory(atPath: localeFolder.path) where file.hasSuffix(".json")
        {
            let language = String(file.dropLast(5))
            localizers[language] = try Localizer(
                language: language, json: Data(contentsOf: localeFolder.appendingPathComponent(file)))
        }
        guard localizers["ar"] != nil else { throw ThemeError.invalidLocale("ar", "locales/ar.json is missing") }
        self.localizers = localizers
        var assets: [String: StaticAsset] = [:]
        let assetFolder = root.appendingPathComponent("assets")
        for file in try FileManager.default.contentsOfDirectory(atPath: assetFolder.path) {
            guard let type = StaticAsset.contentTypes[(file as NSString).pathExtension.lowercased()] else { continue }
            let bytes = try [UInt8](Data(contentsOf: assetFolder.appendingPathComponent(file)))
            assets[file] = StaticAsset(name: file, contentType: type, bytes: bytes)
        }
        self.assets = assets
    }

    /// The strings for a language, falling back to Arabic.
    func localizer(for language: String) -> Localizer {
        localizers[language] ?? localizers["ar"]!
    }

    /// Renders a template; a missing template is a start-up error, so nil here cannot happen for
    /// the required ones.
    func render(_ model: Any, template: String) -> String {
        library.render(model, withTemplate: template) ?? ""
    }

    /// `/assets/NAME?v=HASH`, so assets can be cached for a year and still change on deploy.
    func assetURL(_ name: String) -> String {
        guard let asset = assets[name] else { return "/assets/\(name)" }
        return "/assets/\(name)?v=\(asset.page.hash.prefix(12))"
    }
}

/// A file of the theme's `assets/` folder, compressed once.
struct StaticAsset: Sendable {
    static let contentTypes = [
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "ico": "image/x-icon", "woff2": "font/woff2", "txt": "text/plain; charset=utf-8",
    ]
    let name: String
    let page: RenderedPage

    init(name: String, contentType: String, bytes: [UInt8]) {
        self.name = name
        page = RenderedPage(
            contentType: contentType, cacheControl: "public, max-age=31536000, immutable", bytes: bytes)
    }
}
