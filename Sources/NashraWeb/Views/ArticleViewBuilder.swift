import Foundation
import NashraCore

/// What one render of an article page knows about its reader. The shared, cached render has an
/// empty form, no pending comments and the token hole in place of a token.
struct ArticlePersonalization {
    var token: String
    var form: CommentFormState = .empty
    /// The reader's own comments awaiting moderation (or marked spam: its author is told the same).
    var pending: [Comment] = []
    /// The request asked for a reply form (`?reply=N`); on the shared page a target that is not an
    /// approved comment of the article sends the reader to the plain page instead of being cached.
    var replyRequested = false
}

/// Builds the article page's content from an article, its related articles and comments.
struct ArticleViewBuilder {
    let context: RenderContext

    func build(_ article: Article, related: [ArticleSummary], comments: [Comment], personal: ArticlePersonalization)
        -> ArticleContent
    {
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
        let articleURL = urls.article(article.slug)
        let canonical = urls.absolute(articleURL)
        let open = !CommentRules.isClosed(article, settings: context.settings, now: context.now)
        let pending = personal.pending.filter {
            $0.articleID == article.id && ($0.status == .pending || $0.status == .spam)
        }
        let thread = threads(approved: comments, pending: pending, articleURL: articleURL, open: open)
        return ArticleContent(
            breadcrumb: crumbs, title: article.title, summary: article.summary, authorName: article.author.name,
            authorURL: urls.author(article.author.slug), sourceName: article.source?.name,
            sourceURL: article.source?.url,
            date: context.dates.full(published), dateISO: DateDisplay.iso(published),
            updated: updated.map(context.dates.full),
            updatedISO: updated.map(DateDisplay.iso),
            readingTime: localizer.plural("reading_time", article.readingMinutes),
            isBreaking: article.isBreaking, cover: context.picture(article.cover, place: .cover),
            share: ShareLink.all(canonicalURL: canonical, title: article.title, localizer: localizer),
            bodyHTML: BodyPictures.responsive(article.body, pictures: context.pictures),
            tags: article.tags.map { ArticleContent.TagLink(name: $0.name, url: urls.tag($0.slug)) },
            hasTags: !article.tags.isEmpty, related: related.map(context.card), hasRelated: !related.isEmpty,
            comments: thread, hasComments: !thread.isEmpty,
            commentCount: localizer.plural("comment_count", comments.count), commentsOpen: open,
            form: CommentFormView(
                state: personal.form, action: urls.comments(ofArticle: article.slug), token: personal.token,
                articleURL: articleURL, localizer: localizer))
    }

    /// Nests comments under their parents; a comment whose parent is not shown stands at the top.
    func threads(approved: [Comment], pending: [Comment], articleURL: String, open: Bool) -> [ArticleContent
        .CommentView]
    {
        let all = (approved + pending).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        let shown = Set(all.map(\.id))
        var children: [Int64: [Comment]] = [:]
        var roots: [Comment] = []
        for comment in all {
            if let parent = comment.parentID, shown.contains(parent) {
                children[parent, default: []].append(comment)
            } else {
                roots.append(comment)
            }
        }
        let pendingIDs = Set(pending.map(\.id))
        func view(_ comment: Comment, depth: Int) -> ArticleContent.CommentView {
            let replies = (children[comment.id] ?? []).map { view($0, depth: depth + 1) }
            let isPending = pendingIDs.contains(comment.id)
            return commentView(
                comment, isPending: isPending, canReply: open && !isPending && depth < CommentRules.maxDepth,
                replyURL: articleURL + "?reply=\(comment.id)#respond", children: replies)
        }
        return roots.map { view($0, depth: 1) }
    }

    func commentView(
        _ comment: Comment, isPending: Bool, canReply: Bool, replyURL: String, children: [ArticleContent.CommentView]
    ) -> ArticleContent.CommentView {
        let name = ArabicText.strippingControls(comment.authorName)
        let html = CommentText.paragraphs(of: comment.body).map { "<p>" + CommentText.html(of: $0) + "</p>" }.joined()
        let website = comment.authorURL.flatMap { URLPolicy.isWebLink($0) ? $0 : nil }
        return ArticleContent.CommentView(
            anchor: "comment-\(comment.id)", authorName: name, hasWebsite: website != nil, website: website ?? "",
            initials: Self.initials(of: name), avatarClass: "avatar-\(Self.colourIndex(of: name))",
            date: context.dates.day(comment.createdAt), dateISO: DateDisplay.iso(comment.createdAt),
            bodyHTML: HTMLSanitizer().sanitize(html), isPending: isPending, canReply: canReply, replyURL: replyURL,
            children: children, hasChildren: !children.isEmpty)
    }

    /// The first letters of the first two words: "سلمى الحداد" → "سا".
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
