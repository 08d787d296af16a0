import Foundation
import NashraCore

/// Builds small, known content for tests through the store's public contract.
public struct Fixtures<Store: ContentStore> {
    public let store: Store
    public let now: Date

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    @discardableResult
    public func section(_ name: String, slug: String? = nil, position: Int = 0, parent: Section? = nil) async throws
        -> Section
    {
        try await store.createSection(NewSection(slug: slug, name: name, position: position, parentID: parent?.id))
    }

    @discardableResult
    public func author(_ name: String, bio: String = "") async throws -> Author {
        try await store.createAuthor(NewAuthor(name: name, bio: bio))
    }

    /// Saves a published article `hoursAgo` hours before `now` (negative for the future).
    @discardableResult
    public func article(
        _ title: String, section: Section, author: Author, tags: [String] = [], hoursAgo: Double = 1,
        status: PublishState = .published, breaking: Bool = false, body: String? = nil, summary: String = "",
        source: SourceCredit? = nil, cover: CoverImage? = nil
    ) async throws -> Article {
        let draft = ArticleDraft(
            title: title, summary: summary, bodyHTML: body ?? "<p>\(title)</p><p>نص تجريبي للمقال.</p>",
            sectionID: section.id, authorID: author.id, tagNames: tags, source: source, cover: cover,
            isBreaking: breaking,
            status: status, publishedAt: status == .draft ? nil : now.addingTimeInterval(-hoursAgo * 3600))
        return try await store.saveArticle(try draft.validated(), now: now)
    }

    /// Saves an edited version of `article` with a new title (and so, by default, a new slug).
    @discardableResult
    public func retitle(_ article: Article, to title: String, slug: String? = nil) async throws -> Article {
        let draft = ArticleDraft(
            id: article.id, slug: slug ?? Slug.make(from: title), title: title, summary: article.summary,
            bodyHTML: article.body.markup, sectionID: article.section.id, authorID: article.author.id,
            tagNames: article.tags.map(\.name), source: article.source, cover: article.cover,
            isBreaking: article.isBreaking, status: article.status, publishedAt: article.publishedAt,
            commentsOpen: article.commentsOpen, isPinned: article.isPinned, seo: article.seo)
        return try await store.saveArticle(try draft.validated(), now: now)
    }
}
