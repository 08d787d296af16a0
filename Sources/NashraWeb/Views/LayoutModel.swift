import NashraCore

/// What every page's frame shows: language and direction, head metadata, navigation.
struct LayoutModel: Encodable {
    struct NavItem: Encodable {
        let name: String
        let url: String
        let current: Bool
    }

    let lang: String
    let dir: String
    let siteName: String
    let tagline: String
    let pageTitle: String
    let description: String
    /// Absolute; absent on pages that must not be indexed under a canonical URL (404).
    let canonical: String?
    let noindex: Bool
    let stylesheet: String
    let script: String
    let favicon: String
    let nav: [NavItem]
    /// Static pages in the footer (about, contact…).
    let pages: [NavItem]
    let hasPages: Bool
    let prevURL: String?
    let nextURL: String?
    let searchURL: String
    let year: String
    let social: SocialMeta
    /// The site logo, absolute (publisher logo, share fallback).
    let logoURL: String
    /// Set on the newsroom's preview of unpublished work: a banner says readers cannot see it yet.
    var previewNotice: String? = nil
}

/// A page: the strings table `t` at the top of the context stack so every template can reach it,
/// the frame, and the page's own content.
struct PageModel<Content: Encodable>: Encodable {
    let t: [String: String]
    let layout: LayoutModel
    let content: Content
}

/// An article in a list.
struct ArticleCard: Encodable {
    let title: String
    let url: String
    let summary: String
    let sectionName: String
    let sectionURL: String
    let authorName: String
    let date: String
    let dateISO: String
    let readingTime: String
    let isBreaking: Bool
    let picture: PictureView?

    init(_ summary: ArticleSummary, picture: PictureView?, urls: SiteURLs, dates: DateDisplay, localizer: Localizer) {
        title = summary.title
        url = urls.article(summary.slug)
        self.summary = summary.summary
        sectionName = summary.sectionName
        sectionURL = urls.section(summary.sectionSlug)
        authorName = summary.authorName
        date = dates.day(summary.publishedAt)
        dateISO = DateDisplay.iso(summary.publishedAt)
        readingTime = localizer.plural("reading_time", summary.readingMinutes)
        isBreaking = summary.isBreaking
        self.picture = picture
    }
}
