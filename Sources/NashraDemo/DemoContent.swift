import Foundation
import NashraCore

/// The demo newsroom a new site starts with: sections, authors, Arabic articles, a few approved
/// comments, a list of search synonyms and the footer's pages, all written for Nashra. Publication times are relative
/// to "now", so a fresh site has a live breaking-news strip and a believable front page.
public enum DemoContent {
    /// What seeding wrote.
    public struct Report: Sendable, Hashable {
        public var sections: Int
        public var authors: Int
        public var articles: Int
        public var comments: Int
        public var photos: Int
        public var pages: Int
    }

    /// Writes the demo content through the store's public contract; with `photos` (where uploads'
    /// bytes go), the demo's photographs too, as the covers of the articles that name one.
    public static func seed(into store: some ContentStore, now: Date, photos: (any MediaFileWriting)? = nil)
        async throws -> Report
    {
        let site = try load(SiteFile.self, named: "site")
        var articles: [ArticleFile.Entry] = []
        for name in ["articles-1", "articles-2"] {
            articles += try load(ArticleFile.self, named: name).articles
        }
        var sectionIDs: [String: Int64] = [:]
        for section in site.sections.sorted(by: {
            ($0.parent == nil ? 0 : 1, $0.order) < ($1.parent == nil ? 0 : 1, $1.order)
        }) {
            let created = try await store.createSection(
                NewSection(
                    slug: Slug.make(from: section.slug), name: section.name, description: section.description ?? "",
                    position: section.order, parentID: section.parent.flatMap { sectionIDs[$0] }))
            sectionIDs[section.slug] = created.id
        }
        var authorIDs: [String: Int64] = [:]
        for author in site.authors {
            // A newsroom account made before the first start may already own the byline.
            let slug = Slug.make(from: author.slug)
            if let existing = try await store.author(slug: slug) {
                authorIDs[author.slug] = existing.id
                continue
            }
            authorIDs[author.slug] = try await store.createAuthor(
                NewAuthor(slug: slug, name: author.name, bio: author.bio)
            ).id
        }
        if let synonyms = site.searchSynonyms {
            var settings = try await store.settings()
            try settings.set("searchSynonyms", to: synonyms.joined(separator: "\n"))
            try await store.saveSettings(settings)
        }
        for page in site.pages ?? [] {
            _ = try await store.savePage(
                try PageDraft(
                    title: page.title, bodyMarkdown: page.body, state: .published, inFooter: true, position: page.order
                ).validated(), now: now)
        }
        var covers: [String: CoverImage] = [:]
        if let photos { covers = try await DemoPhotos.store(into: store, files: photos, now: now) }
        var commentCount = 0
        // Oldest first, so ids grow with publication time as they would in a real newsroom.
        for entry in articles.sorted(by: { $0.hoursAgo > $1.hoursAgo }) {
            guard let sectionID = sectionIDs[entry.section], let authorID = authorIDs[entry.author] else {
                throw ValidationError(field: "demo article \(entry.title): section or author", problem: .notFound)
            }
            let publishedAt = now.addingTimeInterval(-entry.hoursAgo * 3600)
            let draft = ArticleDraft(
                title: entry.title, summary: entry.summary, bodyHTML: entry.body, sectionID: sectionID,
                authorID: authorID, tagNames: entry.tags,
                source: entry.source.map { SourceCredit(name: $0.name, url: $0.url) },
                cover: entry.photo.flatMap { covers[$0] }, isBreaking: entry.breaking ?? false, status: .published,
                publishedAt: publishedAt)
            let article = try await store.saveArticle(try draft.validated(), now: publishedAt)
            for comment in entry.comments ?? [] {
                _ = try await store.addComment(
                    NewComment(
                        articleID: article.id, authorName: comment.name, authorEmail: comment.email, body: comment.body,
                        status: .approved, createdAt: now.addingTimeInterval(-comment.hoursAgo * 3600)))
                commentCount += 1
            }
        }
        return Report(
            sections: site.sections.count, authors: site.authors.count, articles: articles.count,
            comments: commentCount, photos: covers.count, pages: site.pages?.count ?? 0)
    }

    private static func load<T: Decodable>(_ type: T.Type, named name: String) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Content") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Content/\(name).json"])
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}

private struct SiteFile: Decodable {
    struct SectionEntry: Decodable {
        var slug: String
        var name: String
        var order: Int
        var parent: String?
        var description: String?
    }
    struct AuthorEntry: Decodable {
        var slug: String
        var name: String
        var bio: String
    }
    var sections: [SectionEntry]
    var authors: [AuthorEntry]
    /// Lines of the newsroom's search synonyms (SearchSynonyms).
    var searchSynonyms: [String]?
    /// Static pages linked from the footer, their bodies in Markdown.
    struct PageEntry: Decodable {
        var title: String
        var order: Int
        var body: String
    }
    var pages: [PageEntry]?
}

private struct ArticleFile: Decodable {
    struct Entry: Decodable {
        struct Source: Decodable {
            var name: String
            var url: String?
        }
        struct CommentEntry: Decodable {
            var name: String
            var email: String
            var body: String
            var hoursAgo: Double
        }
        var title: String
        var section: String
        var author: String
        /// The key of a photograph of `Photos/photos.json`, the article's cover.
        var photo: String?
        var summary: String
        var body: String
        var tags: [String]
        var source: Source?
        var breaking: Bool?
        var hoursAgo: Double
        var comments: [CommentEntry]?
    }
    var articles: [Entry]
}
