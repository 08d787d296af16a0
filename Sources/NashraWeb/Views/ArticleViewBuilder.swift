import Foundation
import NashraCore

/// Builds the article page's content from an article, its related articles and approved comments.
struct ArticleViewBuilder {
    let context: RenderContext

    func build(_ article: Article, related: [ArticleSummary], comments: [Comment]) -> ArticleContent {
        let urls = context.urls
        let localizer = context.localizer
        var crumbs = [Crumb(name: localizer.text("home"), url: urls.home, current: false)]
        if let parent = context.sections.first(where: { $0.id == article.section.parentID }) {
            crumbs.append(Crumb(name: parent.name, url: urls.section(parent.slug), current: false))
        }
        crumbs.append(Crumb(name: article.section.name, url: urls.section(article.section.slug), current: false))
        let published = article.publishedAt ?? article.updatedAt
        // Show "updated" only for a real later edit, not for the save that published it.
        let updated = article.updatedAt.timeIntervalSince(published) > 60 ? article.updatedAt : nil
        let canonical = urls.absolute(urls.article(article.slug))
        return ArticleContent(
            breadcrumb: crumbs, title: article.title, summary: article.summary, authorName: article.author.name,
            authorURL: urls.author(article.author.slug), sourceName: article.source?.name,
            sourceURL: article.source?.url, date: context.dates.full(published),
            dateISO: DateDisplay.iso(published), updated: updated.map(context.dates.full),
            updatedISO: updated.map(DateDisplay.iso),
            readingTime: localizer.plural("reading_time", article.readingMinutes),
            isBreaking: article.isBreaking, cover: article.cover,
            share: ShareLink.all(canonicalURL: canonical, title: article.title, localizer: localizer),
            bodyHTML: article.body,
            tags: article.tags.map { ArticleContent.TagLink(name: $0.name, url: urls.tag($0.slug)) },
            hasTags: !article.tags.isEmpty, related: related.map(context.card), hasRelated: !related.isEmpty,
            comments: comments.map(commentView), hasComments: !comments.isEmpty,
            commentCount: localizer.plural("comment_count", comments.count), commentsOpen: article.commentsOpen,
            commentAction: urls.comments(ofArticle: article.slug))
    }

    func commentView(_ comment: Comment) -> ArticleContent.CommentView {
        let name = ArabicText.strippingControls(comment.authorName)
        let paragraphs = comment.body
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return ArticleContent.CommentView(
            anchor: "comment-\(comment.id)", authorName: name, initials: Self.initials(of: name),
            avatarClass: "avatar-\(Self.colourIndex(of: name))", date: context.dates.day(comment.createdAt),
            dateISO: DateDisplay.iso(comment.createdAt), paragraphs: paragraphs)
    }

    /// The first letters of the first two words: "سلمى الحداد" → "س ح" drawn as "سح".
    static func initials(of name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace }).prefix(2)
        let letters = words.compactMap { $0.first(where: { $0.isLetter }) }
        return letters.isEmpty ? "؟" : String(letters)
    }

    static func colourIndex(of name: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % 8)
    }
}
