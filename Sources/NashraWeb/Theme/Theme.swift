import Foundation
import Hummingbird
import Mustache

/// A loaded theme: templates, interface strings per language, and static assets kept in memory.
public struct Theme: Sendable {
    /// Per language, the templates with that language's `{{t.KEY}}` strings written in.
    let libraries: [String: MustacheLibrary]
    /// Arabic's, for a language the theme has no strings for (as ``localizer(for:)`` falls back).
    private let fallbackLibrary: MustacheLibrary
    let localizers: [String: Localizer]
    let assets: [String: StaticAsset]

    /// Loads `templates/*.mustache`, `locales/*.json` and `assets/*` from `directory`.
    public init(directory: String) async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ThemeError.missingDirectory(directory)
        }
        let root = URL(fileURLWithPath: directory)
        var localizers: [String: Localizer] = [:]
        let localeFolder = root.appendingPathComponent("locales")
        for file in try FileManager.default.contentsOfDirectory(atPath: localeFolder.path) where file.hasSuffix(".json")
        {
            let language = String(file.dropLast(5))
            localizers[language] = try Localizer(
                language: language, json: Data(contentsOf: localeFolder.appendingPathComponent(file)))
        }
        guard localizers["ar"] != nil else { throw ThemeError.invalidLocale("ar", "locales/ar.json is missing") }
        let files = ThemeTemplates.files(in: root.appendingPathComponent("templates").path)
        let names = Set(files.map { String($0.path.dropLast(9)) })
        for name in TemplateName.allCases where !names.contains(name.rawValue) {
            throw ThemeError.missingTemplate(name.rawValue)
        }
        var libraries: [String: MustacheLibrary] = [:]
        for (language, localizer) in localizers.sorted(by: { $0.key < $1.key }) {
            libraries[language] = try ThemeTemplates.library(files, strings: localizer.strings)
        }
        self.libraries = libraries
        fallbackLibrary = libraries["ar"] ?? MustacheLibrary()
        // Every language must say everything the code and this theme's templates ask for.
        let required = LocaleKeys.required.union(try Self.templateKeys(in: files))
        for (language, localizer) in localizers.sorted(by: { $0.key < $1.key }) {
            if let missing = required.sorted().first(where: { !localizer.has($0) }) {
                throw ThemeError.missingLocaleKey(language, missing)
            }
        }
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

    /// The `t.KEY` names the theme's templates use.
    static func templateKeys(in files: [ThemeTemplates.File]) throws -> Set<String> {
        var keys = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"\{\{[{#^/]?\s*t\.([A-Za-z0-9_]+)"#)
        for text in files.map(\.text) {
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { keys.insert(String(text[range])) }
            }
        }
        return keys
    }

    /// The strings for a language, falling back to Arabic.
    func localizer(for language: String) -> Localizer {
        localizers[language] ?? localizers["ar"]!
    }

    /// Renders a template. Every ``TemplateName`` was found when the theme loaded, so a page can
    /// never come out empty for want of one.
    /// `language` picks the templates with its strings written in; the model's `t` must be the
    /// same language's table.
    func render(_ model: Any, template: TemplateName, language: String) -> String {
        (libraries[language] ?? fallbackLibrary).render(TemplateTree.make(model), withTemplate: template.rawValue)
            ?? ""
    }

    /// `/assets/BASE.HASH.EXT` (`site.0123456789ab.css`): a name that changes with the content, so
    /// browsers and CDNs keep it for a year as immutable and still get the new file after a deploy.
    func assetURL(_ name: String) -> String {
        guard let asset = assets[name] else { return "/assets/\(name)" }
        return "/assets/" + asset.hashedName
    }

    /// `/assets/NAME`, for addresses other sites keep (the logo in JSON-LD, Open Graph and
    /// OpenSearch): it never changes, and is kept an hour.
    func permanentAssetURL(_ name: String) -> String { "/assets/\(name)" }

    /// The asset a request names and the answer for it: the immutable copy under its current hashed
    /// name; under its plain name or an old hash (a page cached before a deploy) the current file,
    /// kept only briefly. Nil for a file the theme does not have.
    func asset(named requested: String) -> RenderedPage? {
        if let asset = assets[requested] { return asset.revalidated }
        let parts = requested.split(separator: ".", omittingEmptySubsequences: false)
        let hash = parts.count >= 3 ? parts[parts.count - 2] : ""
        guard hash.count == StaticAsset.hashLength, hash.allSatisfy(\.isHexDigit), hash == hash.lowercased(),
            let asset = assets[(parts.dropLast(2) + [parts[parts.count - 1]]).joined(separator: ".")]
        else { return nil }
        return requested == asset.hashedName ? asset.page : asset.revalidated
    }
}

/// The templates the code renders or includes; a theme without one of them does not load.
enum TemplateName: String, CaseIterable, Sendable {
    case home
    case list
    case article
    case error
    case layoutTop = "layout-top"
    case layoutBottom = "layout-bottom"
    case card
    case picture
    case comment
    case search
    case pagination
    case page
    case adminTop = "admin-top"
    case adminBottom = "admin-bottom"
    case adminErrors = "admin-errors"
    case adminLogin = "admin-login"
    case adminSetup = "admin-setup"
    case adminDashboard = "admin-dashboard"
    case adminArticles = "admin-articles"
    case adminEditor = "admin-editor"
    case adminRevisions = "admin-revisions"
    case adminComments = "admin-comments"
    case adminSections = "admin-sections"
    case adminTags = "admin-tags"
    case adminAuthors = "admin-authors"
    case adminUsers = "admin-users"
    case adminSettings = "admin-settings"
    case adminAudit = "admin-audit"
    case adminMedia = "admin-media"
    case adminMediaItem = "admin-media-item"
    case adminAccount = "admin-account"
    case adminRedirects = "admin-redirects"
    case adminPages = "admin-pages"
    case adminPageEditor = "admin-page-editor"
    case adminImport = "admin-import"
}

/// A file of the theme's `assets/` folder, compressed once.
struct StaticAsset: Sendable {
    static let contentTypes = [
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "ico": "image/x-icon", "woff2": "font/woff2", "txt": "text/plain; charset=utf-8",
    ]
    static let hashLength = 12
    let name: String
    /// `BASE.HASH.EXT`, the name pages link.
    let hashedName: String
    /// Under the hashed name: kept for a year, never revalidated.
    let page: RenderedPage
    /// Under any other name: the same bytes, kept an hour (an old page may still link them).
    let revalidated: RenderedPage

    init(name: String, contentType: String, bytes: [UInt8]) {
        self.name = name
        page = RenderedPage(
            contentType: contentType, cacheControl: "public, max-age=31536000, immutable", bytes: bytes
        ).completed()
        revalidated = RenderedPage(contentType: contentType, cacheControl: "public, max-age=3600", bytes: bytes)
            .completed()
        let hash = page.hash.prefix(Self.hashLength)
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        hashedName = ext.isEmpty ? "\(base).\(hash)" : "\(base).\(hash).\(ext)"
    }
}
