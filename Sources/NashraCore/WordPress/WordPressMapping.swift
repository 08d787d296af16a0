import Foundation

/// What the first reading of an export learns, so the second can convert each post on its own:
/// the terms and authors, and the attachments (for galleries, featured images and old attachment pages).
public struct WordPressSite: Sendable {
    public struct AttachmentInfo: Sendable, Hashable {
        public var url: String
        public var alt: String
        public var caption: String
        /// The photographer or agency, as the Media Credit plugin keeps it (and our export).
        public var credit: String
        /// Where crops centre, as our export keeps it.
        public var focus: FocalPoint
        /// The name it was uploaded under, when our export kept it (WordPress's is the URL's).
        public var originalName: String?
        public var parentID: Int64
        public var link: String
        public var line: Int
    }

    public var channel = WXRChannel()
    public var authors: [String: WXRAuthor] = [:]
    public var categories: [WXRTerm] = []
    public var tags: [WXRTerm] = []
    public var attachments: [Int64: AttachmentInfo] = [:]
    /// Category term ids to their slugs, for Yoast's and Rank Math's primary category.
    public var categoryIDs: [Int64: String] = [:]
    /// Items of the file, all types.
    public var items = 0
    /// Posts and pages only.
    public var posts = 0

    public init() {}

    /// Names this site in external ids, so two WordPress sites imported into one never meet.
    public var identity: String {
        let base = channel.baseSiteURL.isEmpty ? channel.link : channel.baseSiteURL
        return OldURL.host(of: base.trimmingASCIIWhitespace()) ?? base
    }

    /// `x,y` as fractions; the centre when absent or not two numbers.
    static func focalPoint(_ value: String?) -> FocalPoint {
        let parts = (value ?? "").split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        return parts.count == 2 ? FocalPoint(x: parts[0], y: parts[1]) : .centre
    }

    mutating func learn(_ entry: WXREntry) {
        switch entry {
        case .author(let author):
            if !author.login.isEmpty, authors[author.login] == nil { authors[author.login] = author }
        case .term(let term):
            switch term.kind {
            case .category:
                categories.append(term)
                if let id = term.id { categoryIDs[id] = term.slug }
            case .tag: tags.append(term)
            case .other: break
            }
        case .item(let item):
            items += 1
            if item.type == "post" || item.type == "page" { posts += 1 }
            if item.type == "attachment", item.postID != 0 {
                attachments[item.postID] = AttachmentInfo(
                    url: item.attachmentURL.isEmpty ? item.guid : item.attachmentURL,
                    alt: item.meta("_wp_attachment_image_alt") ?? "", caption: HTMLText.line(item.excerpt),
                    credit: HTMLText.line(item.meta("_media_credit") ?? ""),
                    focus: Self.focalPoint(item.meta("_nashra_focal_point")),
                    originalName: item.meta("_nashra_original_name"), parentID: item.parentID,
                    link: item.link, line: item.line)
            }
            // Terms used by items but not declared in the header still become sections and tags.
            for term in item.terms where !term.slug.isEmpty {
                if term.domain == "category", !categories.contains(where: { $0.slug == term.slug }) {
                    var declared = WXRTerm()
                    declared.slug = term.slug
                    declared.name = term.name
                    declared.line = item.line
                    categories.append(declared)
                }
            }
        }
    }
}

/// Converts WXR records into what a store imports, by the rules in the README's WordPress section.
public struct WordPressMapping: Sendable {
    public let site: WordPressSite
    public let sanitizer: HTMLSanitizer
    let body: WordPressBody
    /// ``WordPressSite/identity``, worked out once.
    let identity: String

    /// The old site's uploads that were imported (none without `--uploads`).
    let media: WordPressMedia

    public init(
        site: WordPressSite, sanitizer: HTMLSanitizer = HTMLSanitizer(), media: WordPressMedia = WordPressMedia()
    ) {
        self.site = site
        self.sanitizer = sanitizer
        self.media = media
        identity = site.identity
        var images: [Int64: WordPressBody.Attachment] = [:]
        var children: [Int64: [Int64]] = [:]
        for (id, info) in site.attachments.sorted(by: { $0.key < $1.key }) {
            images[id] = WordPressBody.Attachment(
                url: media.byAttachment[id] ?? info.url, alt: info.alt, caption: info.caption)
            if info.parentID != 0 { children[info.parentID, default: []].append(id) }
        }
        var rewrite: (@Sendable (String) -> String?)?
        if !media.byKey.isEmpty { rewrite = { [media] old in media.url(for: old) } }
        body = WordPressBody(attachments: images, attachmentsOfPost: children, mediaURL: rewrite)
    }

    /// A WordPress slug (percent-encoded UTF-8 for Arabic) as one of ours.
    public static func slug(_ wordpress: String, name: String) -> String {
        let decoded = OldURL.decoded(wordpress)
        let slug = Slug.make(from: decoded)
        return slug.isEmpty ? Slug.make(from: HTMLText.line(name)) : slug
    }

    // MARK: - Taxonomy

    public func taxonomy() -> ImportedTaxonomy {
        var result = ImportedTaxonomy()
        // Parents first: a category is written once its parent is.
        let bySlug = Dictionary(site.categories.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var done = Set<String>()
        var visiting = Set<String>()
        var ordered: [WXRTerm] = []
        // A parent chain that comes back to itself (a broken export) is cut where it loops.
        var cut = Set<String>()
        func visit(_ term: WXRTerm) {
            guard !done.contains(term.slug) else { return }
            visiting.insert(term.slug)
            if let parent = bySlug[term.parentSlug], parent.slug != term.slug {
                if visiting.contains(parent.slug) { cut.insert(term.slug) } else { visit(parent) }
            }
            visiting.remove(term.slug)
            done.insert(term.slug)
            ordered.append(term)
        }
        for term in site.categories { visit(term) }
        for term in ordered {
            let slug = Self.slug(term.slug, name: term.name)
            guard !slug.isEmpty else { continue }
            var keys = ["/category/" + term.slug, categoryPath(term.slug)]
            if let id = term.id { keys.append("/?cat=\(id)") }
            result.sections.append(
                ImportedSection(
                    slug: slug, name: HTMLText.line(term.name).isEmpty ? slug : HTMLText.line(term.name),
                    description: HTMLText.plain(term.description),
                    parentSlug: cut.contains(term.slug)
                        ? nil : bySlug[term.parentSlug].map { Self.slug($0.slug, name: $0.name) },
                    oldKeys: Array(Set(keys.compactMap(OldURL.key))).sorted()))
        }
        for term in site.tags {
            let slug = Slug.make(from: HTMLText.line(term.name))
            guard !slug.isEmpty else { continue }
            for key in ["/tag/" + term.slug, "/?tag=" + term.slug].compactMap(OldURL.key) {
                result.tagKeys.append((key, slug))
            }
        }
        for author in site.authors.values.sorted(by: { $0.login < $1.login }) {
            let slug = authorSlug(author.login)
            var keys = ["/author/" + author.login]
            if let id = author.id { keys.append("/?author=\(id)") }
            result.authors.append(
                ImportedAuthor(
                    slug: slug, name: authorName(author),
                    bio: author.bio.map { String($0.trimmingASCIIWhitespace().prefix(TaxonomyRules.maxBio)) },
                    oldKeys: keys.compactMap(OldURL.key)))
        }
        for (old, new) in [
            ("/feed", "/feed"), ("/feed/rss2", "/feed"), ("/feed/rss", "/feed"), ("/feed/atom", "/feed/atom"),
            ("/comments/feed", "/feed"), ("/?feed=rss2", "/feed"),
        ] {
            if let key = OldURL.key(old), key != new { result.pathKeys.append((key, new)) }
        }
        return result
    }

    /// `/category/parent/child`, as WordPress links a child category.
    private func categoryPath(_ slug: String) -> String {
        var parts = [slug]
        var current = site.categories.first { $0.slug == slug }
        while let parentSlug = current?.parentSlug, !parentSlug.isEmpty, parts.count < 32,
            let parent = site.categories.first(where: { $0.slug == parentSlug })
        {
            parts.insert(parent.slug, at: 0)
            current = parent
        }
        return "/category/" + parts.joined(separator: "/")
    }

    func authorSlug(_ login: String) -> String {
        let slug = Slug.make(from: login)
        return slug.isEmpty ? Slug.make(from: ImportLine.defaultAuthor) : slug
    }

    func authorName(_ author: WXRAuthor) -> String {
        let display = HTMLText.line(author.displayName)
        if !display.isEmpty { return display }
        let full = [author.firstName, author.lastName].map(HTMLText.line).filter { !$0.isEmpty }.joined(separator: " ")
        return full.isEmpty ? author.login : full
    }
}
