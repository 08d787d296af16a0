import Foundation

/// Why an item or a comment was not imported.
public struct ImportSkip: Error, Sendable, Hashable {
    public var line: Int
    public var kind: String
    public var reason: String

    public init(line: Int, kind: String, reason: String) {
        self.line = line
        self.kind = kind
        self.reason = reason
    }
}

/// One item converted: the post, or why it was left out, and what the conversion noticed.
public struct ConvertedItem: Sendable {
    public var post: ImportedPost?
    public var page: ImportedPage? = nil
    public var skips: [ImportSkip]
    public var unknownShortcodes: [String: Int]
    /// Notes that are not failures (a private post kept as a draft…).
    public var notes: [ImportSkip]
}

extension WordPressMapping {
    /// WordPress's date columns: `2011-06-09 12:39:38`.
    static func date(_ text: String) -> Date? {
        let trimmed = text.trimmingASCIIWhitespace()
        guard trimmed.count == 19, !trimmed.hasPrefix("0000") else { return nil }
        let parts = trimmed.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
        guard parts.count == 6 else { return nil }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        (components.hour, components.minute, components.second) = (parts[3], parts[4], parts[5])
        guard components.isValidDate, let date = components.date else { return nil }
        return date
    }

    public func externalID(ofPost id: Int64) -> String { "wordpress:\(identity)/\(id)" }
    public func externalID(ofComment id: Int64) -> String { "wordpress:\(identity)/comment/\(id)" }

    /// Converts a post; pages, attachments and everything else come back skipped with the reason.
    public func convert(_ item: WXRItem) -> ConvertedItem {
        var skips: [ImportSkip] = []
        var notes: [ImportSkip] = []
        func skipped(_ reason: String) -> ConvertedItem {
            ConvertedItem(
                post: nil,
                skips: [ImportSkip(line: item.line, kind: item.type.isEmpty ? "item" : item.type, reason: reason)],
                unknownShortcodes: [:], notes: [])
        }
        switch item.type {
        case "post": break
        case "attachment": return ConvertedItem(post: nil, skips: [], unknownShortcodes: [:], notes: [])
        case "page": return convertPage(item)
        case "": return skipped("no wp:post_type")
        default: return skipped("post type \(item.type) has no place on a news site")
        }
        guard item.postID > 0 else { return skipped("no wp:post_id") }
        let status: PublishState
        switch item.status {
        case "publish": status = .published
        case "future": status = .scheduled
        case "draft": status = .draft
        case "pending": status = .pending
        case "private":
            status = .draft
            notes.append(ImportSkip(line: item.line, kind: "post", reason: "private: kept as a draft, not public"))
        case "trash": status = .trash
        case "auto-draft": return skipped("auto-draft (WordPress's unsaved placeholder)")
        default: return skipped("unknown status \"\(item.status)\"")
        }
        var finalStatus = status
        if !item.password.isEmpty, status == .published || status == .scheduled {
            finalStatus = .draft
            notes.append(
                ImportSkip(line: item.line, kind: "post", reason: "password-protected: kept as a draft, not public"))
        }
        let publishedAt = Self.date(item.dateGMT) ?? Self.date(item.date)
        if finalStatus == .published || finalStatus == .scheduled, publishedAt == nil {
            return skipped("no publication date (wp:post_date_gmt)")
        }
        let converted = body.convert(item.content, postID: item.postID)
        let safeBody = sanitizer.sanitize(converted.html)
        guard safeBody.markup.utf8.count <= ArticleDraft.maxBodyBytes else {
            return skipped("body longer than \(ArticleDraft.maxBodyBytes) bytes")
        }
        var title = HTMLText.line(item.title)
        if title.isEmpty {
            title = HTMLText.line(safeBody.markup).split(separator: " ").prefix(10).joined(separator: " ")
            if title.isEmpty { title = OldURL.decoded(item.slug) }
            if title.isEmpty { return skipped("no title and no text") }
            notes.append(
                ImportSkip(line: item.line, kind: "post", reason: "no title: the first words of the text used"))
        }
        if title.count > 300 { title = String(title.prefix(300)) }

        var (section, otherCategories) = primaryCategory(of: item)
        // WordPress files a post without a category under its default one; so do we, when the export has it.
        if section == nil, let fallback = site.categories.first(where: { $0.slug == "uncategorized" }) {
            section = WXRItemTerm(domain: "category", slug: fallback.slug, name: fallback.name)
        }
        let tagNames = (item.terms.filter { $0.domain == "post_tag" }.map(\.name) + otherCategories.map(\.name))
            .map(HTMLText.line).filter { !$0.isEmpty && !Slug.make(from: $0).isEmpty }
        var seen = Set<String>()
        let tags = tagNames.filter { seen.insert(Slug.make(from: $0)).inserted && $0.count <= TaxonomyRules.maxTagName }
            .prefix(ArticleDraft.maxTags)
        let (authorSlug, authorName) = byline(of: item)

        let comments = item.comments.compactMap { comment -> ImportedComment? in
            switch self.comment(comment, line: item.line) {
            case .success(let imported): return imported
            case .failure(let skip):
                skips.append(skip)
                return nil
            }
        }
        let threaded = Self.threaded(comments)
        var slug = Self.slug(item.slug, name: title)
        if slug.isEmpty { slug = "post-\(item.postID)" }
        return ConvertedItem(
            post: ImportedPost(
                externalID: externalID(ofPost: item.postID), line: item.line, slug: slug, title: title,
                summary: HTMLText.line(item.excerpt), body: safeBody, status: finalStatus, publishedAt: publishedAt,
                sectionSlug: section.map { Self.slug($0.slug, name: $0.name) }
                    ?? Slug.make(from: ImportLine.defaultSection),
                sectionName: section.map { HTMLText.line($0.name) } ?? ImportLine.defaultSection,
                authorSlug: authorSlug, authorName: authorName, tags: Array(tags), cover: cover(of: item, title: title),
                source: source(of: item), isBreaking: item.meta("_nashra_breaking") == "1",
                bodyMarkdown: item.meta("_nashra_markdown"), isPinned: item.isSticky,
                seo: WordPressSEO.fields(of: item, title: title, summary: HTMLText.line(item.excerpt)),
                commentsOpen: item.commentStatus == "open",
                comments: threaded, oldKeys: oldKeys(of: item)),
            skips: skips, unknownShortcodes: converted.unknownShortcodes, notes: notes)
    }

    /// A page: published ones are shown at `/SLUG`; a top-level one is linked from the footer (WordPress
    /// keeps that in its menus, which do not map); the others become drafts, the trash stays trash.
    func convertPage(_ item: WXRItem) -> ConvertedItem {
        func skipped(_ reason: String) -> ConvertedItem {
            ConvertedItem(
                post: nil, skips: [ImportSkip(line: item.line, kind: "page", reason: reason)], unknownShortcodes: [:],
                notes: [])
        }
        guard item.postID > 0 else { return skipped("no wp:post_id") }
        let state: StaticPage.State
        var notes: [ImportSkip] = []
        switch item.status {
        case "publish" where item.password.isEmpty: state = .published
        case "publish", "private", "draft", "pending", "future":
            state = .draft
            if item.status != "draft" {
                notes.append(
                    ImportSkip(line: item.line, kind: "page", reason: "\(item.status): kept as a draft, not public"))
            }
        case "trash": state = .trash
        case "auto-draft": return skipped("auto-draft (WordPress's unsaved placeholder)")
        default: return skipped("unknown status \"\(item.status)\"")
        }
        let converted = body.convert(item.content, postID: item.postID)
        let safeBody = sanitizer.sanitize(converted.html)
        var title = HTMLText.line(item.title)
        if title.isEmpty { title = OldURL.decoded(item.slug) }
        guard !title.isEmpty else { return skipped("no title") }
        var slug = Self.slug(item.slug, name: title)
        if slug.isEmpty { slug = "page-\(item.postID)" }
        // A page at one of the site's own addresses could never be reached.
        if PageDraft.reservedSlugs.contains(slug) { slug += "-page" }
        let inFooter = item.meta("_nashra_in_footer").map { $0 == "1" } ?? (item.parentID == 0)
        let keys = [item.link, item.guid, "/?page_id=\(item.postID)", "/\(item.slug)"].filter { url in
            guard let host = OldURL.host(of: url) else { return true }
            return host == identity || identity.isEmpty || url == item.link
        }.compactMap(OldURL.key).filter { $0 != "/" && $0 != "/" + slug }
        let page = ImportedPage(
            externalID: externalID(ofPost: item.postID), line: item.line, slug: slug,
            title: String(title.prefix(PageDraft.maxTitle)),
            body: safeBody, state: state, inFooter: inFooter,
            // The newsroom's editor takes what an import wrote.
            position: min(max(item.menuOrder, PageDraft.positions.lowerBound), PageDraft.positions.upperBound),
            bodyMarkdown: item.meta("_nashra_markdown"), oldKeys: Array(Set(keys)).sorted())
        return ConvertedItem(
            post: nil, page: page, skips: [], unknownShortcodes: converted.unknownShortcodes, notes: notes)
    }

    /// The featured image when its file was imported (`--uploads`), else a cover our own export carried.
    private func cover(of item: WXRItem, title: String) -> CoverImage? {
        if let id = item.meta("_thumbnail_id").flatMap({ Int64($0.trimmingASCIIWhitespace()) }),
            let url = media.byAttachment[id]
        {
            let alt = site.attachments[id]?.alt.trimmingASCIIWhitespace() ?? ""
            return CoverImage(url: url, alt: alt.isEmpty ? title : alt)
        }
        guard let url = item.meta("_nashra_cover_url"), URLPolicy.image(url) != nil,
            let alt = item.meta("_nashra_cover_alt"), !alt.trimmingASCIIWhitespace().isEmpty
        else { return nil }
        return CoverImage(url: url, alt: alt)
    }

    private func source(of item: WXRItem) -> SourceCredit? {
        guard let name = item.meta("_nashra_source_name")?.trimmingASCIIWhitespace(), !name.isEmpty else {
            return nil
        }
        let url = item.meta("_nashra_source_url").flatMap { URLPolicy.link($0)?.isAbsoluteWeb == true ? $0 : nil }
        return SourceCredit(name: name, url: url)
    }

    /// Yoast's or Rank Math's primary category when set, else the first; the others become tags.
    private func primaryCategory(of item: WXRItem) -> (WXRItemTerm?, [WXRItemTerm]) {
        let categories = item.terms.filter { $0.domain == "category" && !$0.slug.isEmpty }
        let primaryID = (item.meta("_yoast_wpseo_primary_category") ?? item.meta("rank_math_primary_category"))
            .flatMap { Int64($0.trimmingASCIIWhitespace()) }
        let primarySlug = primaryID.flatMap { site.categoryIDs[$0] }
        let primary = categories.first { $0.slug == primarySlug } ?? categories.first
        return (primary, categories.filter { $0.slug != primary?.slug })
    }

    /// The author: Co-Authors Plus's first byline when present, else `dc:creator`.
    private func byline(of item: WXRItem) -> (slug: String, name: String) {
        if let coauthor = item.terms.first(where: { $0.domain == "author" && !$0.slug.isEmpty }) {
            let login = coauthor.slug.hasPrefix("cap-") ? String(coauthor.slug.dropFirst(4)) : coauthor.slug
            if let author = site.authors[login] { return (authorSlug(login), authorName(author)) }
            let name = HTMLText.line(coauthor.name)
            return (authorSlug(login), name.isEmpty ? login : name)
        }
        let login = HTMLText.line(item.creator)
        if let author = site.authors[login] { return (authorSlug(login), authorName(author)) }
        if login.isEmpty { return (Slug.make(from: ImportLine.defaultAuthor), ImportLine.defaultAuthor) }
        return (authorSlug(login), login)
    }

    private func comment(_ comment: WXRComment, line: Int) -> Result<ImportedComment, ImportSkip> {
        func skip(_ reason: String) -> Result<ImportedComment, ImportSkip> {
            .failure(ImportSkip(line: line, kind: "comment", reason: "comment \(comment.id): \(reason)"))
        }
        guard comment.id > 0 else { return skip("no wp:comment_id") }
        if !comment.type.isEmpty, comment.type != "comment" {
            return skip("\(comment.type)s are not kept")
        }
        let status: CommentStatus
        switch comment.approved.trimmingASCIIWhitespace() {
        case "1", "approve", "approved": status = .approved
        case "0", "hold", "": status = .pending
        case "spam": status = .spam
        case "trash", "post-trashed": status = .trash
        default: return skip("unknown status \"\(comment.approved)\"")
        }
        let text = HTMLText.plain(comment.content)
        guard !text.isEmpty else { return skip("empty") }
        guard let date = Self.date(comment.dateGMT) ?? Self.date(comment.date) else { return skip("no date") }
        let name = HTMLText.line(comment.authorName)
        let url = comment.authorURL.trimmingASCIIWhitespace()
        return .success(
            ImportedComment(
                externalID: externalID(ofComment: comment.id),
                parentExternalID: comment.parentID > 0 ? externalID(ofComment: comment.parentID) : nil,
                authorName: String((name.isEmpty ? "—" : name).prefix(CommentRules.maxNameLength)),
                authorEmail: comment.authorEmail.trimmingASCIIWhitespace().lowercased(),
                authorURL: URLPolicy.isWebLink(url) && url.count <= CommentRules.maxURLLength ? url : nil, body: text,
                status: status, createdAt: date))
    }

    /// Replies to a comment that was left out hang from the article; threads deeper than ours
    /// (``CommentRules/maxDepth``) hang from their deepest ancestor we can show.
    public static func threaded(_ comments: [ImportedComment]) -> [ImportedComment] {
        let parents = Dictionary(
            comments.map { ($0.externalID, $0.parentExternalID) }, uniquingKeysWith: { first, _ in first })
        func ancestors(_ id: String) -> [String] {
            var chain: [String] = []
            var current = parents[id] ?? nil
            while let parent = current, parents[parent] != nil, !chain.contains(parent), chain.count < 1000 {
                chain.append(parent)
                current = parents[parent] ?? nil
            }
            return chain
        }
        return comments.map { comment in
            var comment = comment
            let chain = ancestors(comment.externalID)
            // A comment that is its own ancestor (a broken export) starts a thread instead.
            if chain.contains(comment.externalID) {
                comment.parentExternalID = nil
                return comment
            }
            // chain[0] is the parent, chain.last the thread's first comment (depth 1).
            comment.parentExternalID =
                chain.count < CommentRules.maxDepth ? chain.first : chain[chain.count - CommentRules.maxDepth + 1]
            return comment
        }
    }

    /// Every address WordPress may have used for the post: its permalink, `?p=`, the guid, the
    /// dated and plain permalink structures, and the pages of its attachments.
    private func oldKeys(of item: WXRItem) -> [String] {
        var urls = [item.link, item.guid, "/?p=\(item.postID)", "/archives/\(item.postID)"]
        if !item.slug.isEmpty {
            let day = item.date.prefix(10).split(separator: "-")
            if day.count == 3 {
                urls.append("/\(day[0])/\(day[1])/\(day[2])/\(item.slug)")
                urls.append("/\(day[0])/\(day[1])/\(item.slug)")
            }
            urls.append("/\(item.slug)")
        }
        for (id, attachment) in site.attachments where attachment.parentID == item.postID {
            urls.append("/?attachment_id=\(id)")
            if !attachment.link.isEmpty { urls.append(attachment.link) }
        }
        // A guid on another host is not an address of this site.
        let keys = urls.filter { url in
            guard let host = OldURL.host(of: url) else { return true }
            return host == identity || identity.isEmpty || url == item.link
        }.compactMap(OldURL.key).filter { $0 != "/" }
        return Array(Set(keys)).sorted()
    }
}
