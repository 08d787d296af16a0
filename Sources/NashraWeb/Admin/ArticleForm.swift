import Foundation
import NashraCore

/// The editor's fields as typed, so a refused save shows exactly what was sent.
struct ArticleFormValues: Sendable {
    var title = ""
    var slug = ""
    var summary = ""
    var body = ""
    var sectionID: Int64?
    var authorID: Int64?
    var tags = ""
    var sourceName = ""
    var sourceURL = ""
    var coverURL = ""
    var coverAlt = ""
    var seoTitle = ""
    var seoDescription = ""
    var breaking = false
    var pinned = false
    var commentsOpen = true
    var status: PublishState = .draft
    /// `yyyy-MM-ddTHH:mm` in the site's time zone, as `<input type=datetime-local>` sends it.
    var publishedAt = ""

    init() {}

    init(fields: [String: String]) {
        title = fields["title"] ?? ""
        slug = fields["slug"] ?? ""
        summary = fields["summary"] ?? ""
        body = fields["body"] ?? ""
        sectionID = fields["section"].flatMap { Int64($0) }
        authorID = fields["author"].flatMap { Int64($0) }
        tags = fields["tags"] ?? ""
        sourceName = fields["source_name"] ?? ""
        sourceURL = fields["source_url"] ?? ""
        coverURL = fields["cover_url"] ?? ""
        coverAlt = fields["cover_alt"] ?? ""
        seoTitle = fields["seo_title"] ?? ""
        seoDescription = fields["seo_description"] ?? ""
        breaking = fields["breaking"] != nil
        pinned = fields["pinned"] != nil
        commentsOpen = fields["comments_open"] != nil
        status = fields["status"].flatMap(PublishState.init(rawValue:)) ?? .draft
        publishedAt = fields["published_at"] ?? ""
    }

    init(article: Article, dates: LocalTimes) {
        title = article.title
        slug = article.slug
        summary = article.summary
        body = article.bodyMarkdown ?? HTMLToMarkdown.convert(article.body)
        sectionID = article.section.id
        authorID = article.author.id
        tags = article.tags.map(\.name).joined(separator: "، ")
        sourceName = article.source?.name ?? ""
        sourceURL = article.source?.url ?? ""
        coverURL = article.cover?.url ?? ""
        coverAlt = article.cover?.alt ?? ""
        seoTitle = article.seo.title
        seoDescription = article.seo.description
        breaking = article.isBreaking
        pinned = article.isPinned
        commentsOpen = article.commentsOpen
        status = article.status
        publishedAt = article.publishedAt.map(dates.format) ?? ""
    }

    /// The fields as an autosave keeps them.
    var fields: [String: String] {
        var fields = [
            "title": title, "slug": slug, "summary": summary, "body": body, "tags": tags, "source_name": sourceName,
            "source_url": sourceURL, "cover_url": coverURL, "cover_alt": coverAlt, "status": status.rawValue,
            "published_at": publishedAt, "seo_title": seoTitle, "seo_description": seoDescription,
        ]
        if let sectionID { fields["section"] = String(sectionID) }
        if let authorID { fields["author"] = String(authorID) }
        if breaking { fields["breaking"] = "on" }
        if pinned { fields["pinned"] = "on" }
        if commentsOpen { fields["comments_open"] = "on" }
        return fields
    }

    /// Turns the fields into a draft for `user`; the state, time and byline as ``ArticleWorkflow`` rules.
    /// - Throws: ``ValidationError`` naming the field at fault.
    func draft(id: Int64?, user: User, existing: Article?, dates: LocalTimes, now: Date) throws -> ArticleDraft {
        guard let sectionID else { throw ValidationError(field: "section", problem: .required) }
        var typedTime: Date?
        let typed = publishedAt.trimmingCharacters(in: .whitespaces)
        if !typed.isEmpty {
            guard let parsed = dates.parse(typed) else {
                throw ValidationError(field: "published_at", problem: .invalid)
            }
            typedTime = parsed
        }
        let (status, time) = try ArticleWorkflow.resolve(
            status, at: typedTime, role: user.role, existing: existing, now: now)
        let author = ArticleWorkflow.byline(chosen: authorID, user: user, existing: existing)
        let source =
            sourceName.trimmingCharacters(in: .whitespaces).isEmpty && sourceURL.isEmpty
            ? nil
            : SourceCredit(
                name: sourceName.trimmingCharacters(in: .whitespaces),
                url: sourceURL.trimmingCharacters(in: .whitespaces).isEmpty
                    ? nil : sourceURL.trimmingCharacters(in: .whitespaces))
        let coverURL = coverURL.trimmingCharacters(in: .whitespaces)
        let cover =
            coverURL.isEmpty ? nil : CoverImage(url: coverURL, alt: coverAlt.trimmingCharacters(in: .whitespaces))
        if coverURL.isEmpty, !coverAlt.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(field: "cover.url", problem: .required)
        }
        let tagNames = tags.split(whereSeparator: { $0 == "," || $0 == "،" }).map(String.init)
        return ArticleDraft(
            id: id, slug: slug.trimmingCharacters(in: .whitespaces).isEmpty ? nil : slug, title: title,
            summary: summary, bodyHTML: MarkdownRenderer().render(body).markup, sectionID: sectionID,
            authorID: author, tagNames: tagNames, source: source, cover: cover, isBreaking: breaking, status: status,
            publishedAt: time, commentsOpen: commentsOpen, bodyMarkdown: body, isPinned: pinned,
            seo: SEOFields(title: seoTitle, description: seoDescription))
    }
}

/// Times as `<input type=datetime-local>` shows them, in the site's time zone.
struct LocalTimes: Sendable {
    let timeZone: TimeZone

    init(settings: SiteSettings) {
        timeZone = TimeZone(identifier: settings.timeZone) ?? .gmt
    }

    func format(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    /// `yyyy-MM-ddTHH:mm` (seconds allowed) in the site's zone.
    func parse(_ text: String) -> Date? {
        let pieces = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" || $0 == " " }).map {
            Int($0)
        }
        guard pieces.count == 5 || pieces.count == 6, !pieces.contains(nil) else { return nil }
        let numbers = pieces.compactMap { $0 }
        var components = DateComponents()
        components.year = numbers[0]
        components.month = numbers[1]
        components.day = numbers[2]
        components.hour = numbers[3]
        components.minute = numbers[4]
        components.second = numbers.count == 6 ? numbers[5] : 0
        guard (1970...9999).contains(numbers[0]), (1...12).contains(numbers[1]), (1...31).contains(numbers[2]),
            (0...23).contains(numbers[3]), (0...59).contains(numbers[4]), components.isValidDate(in: calendar)
        else { return nil }
        return calendar.date(from: components)
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
