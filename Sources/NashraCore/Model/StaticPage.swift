import Foundation

/// A page outside the news flow (about us, contact, privacy), shown at `/SLUG` and, when asked,
/// linked from every page's footer.
public struct StaticPage: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable, Hashable, CaseIterable {
        case published, draft, trash
    }

    public var id: Int64
    public var slug: String
    public var title: String
    public var body: SafeHTML
    public var state: State
    public var inFooter: Bool
    /// Order among the footer's links; lower first.
    public var position: Int
    public var updatedAt: Date
    /// The Markdown the newsroom wrote it in; nil for a page imported as HTML.
    public var bodyMarkdown: String?

    public init(
        id: Int64, slug: String, title: String, body: SafeHTML, state: State, inFooter: Bool, position: Int,
        updatedAt: Date, bodyMarkdown: String? = nil
    ) {
        self.bodyMarkdown = bodyMarkdown
        self.id = id
        self.slug = slug
        self.title = title
        self.body = body
        self.state = state
        self.inFooter = inFooter
        self.position = position
        self.updatedAt = updatedAt
    }
}

/// A page from an import, matched again by its external id.
public struct ImportedPage: Sendable, Hashable {
    public var externalID: String
    public var line: Int
    public var slug: String
    public var title: String
    public var body: SafeHTML
    public var state: StaticPage.State
    public var inFooter: Bool
    public var position: Int
    /// The Markdown the body was written in, when the export came from Nashra.
    public var bodyMarkdown: String?
    /// Old addresses (``OldURL`` keys) that now answer with this page.
    public var oldKeys: [String]

    public init(
        externalID: String, line: Int, slug: String, title: String, body: SafeHTML, state: StaticPage.State,
        inFooter: Bool, position: Int, bodyMarkdown: String? = nil, oldKeys: [String]
    ) {
        self.bodyMarkdown = bodyMarkdown
        self.externalID = externalID
        self.line = line
        self.slug = slug
        self.title = title
        self.body = body
        self.state = state
        self.inFooter = inFooter
        self.position = position
        self.oldKeys = oldKeys
    }
}

/// Static pages in storage.
public protocol PageStore: Sendable {
    /// A published page by slug.
    func publishedPage(slug: String) async throws -> StaticPage?
    /// Published pages linked from the footer, by position then title.
    func footerPages() async throws -> [StaticPage]
    /// Every page, whatever its state, by id.
    func allPages() async throws -> [StaticPage]
    /// A page by id, whatever its state.
    func page(id: Int64) async throws -> StaticPage?
    /// Creates (no id) or updates a page from the newsroom; a taken slug gets `-2`, `-3`…, and a
    /// published page's old address answers 301 to the new one.
    /// - Throws: ``ValidationError`` (`id`, not found) for an id no page has.
    func savePage(_ page: ValidatedPage, now: Date) async throws -> StaticPage
    /// Creates or updates pages by external id (a taken slug gets `-2`, `-3`…) with their old
    /// addresses, in one transaction; true for each page created.
    func importPages(_ pages: [ImportedPage], now: Date) async throws -> [Bool]
}
