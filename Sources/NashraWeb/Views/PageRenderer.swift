import Foundation
import NashraCore

/// Everything a page needs besides its own content, gathered once per render.
struct RenderContext {
    let settings: SiteSettings
    let sections: [Section]
    /// Static pages linked from the footer.
    let footerPages: [StaticPage]
    let localizer: Localizer
    let dates: DateDisplay
    let urls: SiteURLs
    let theme: Theme
    let now: Date
    /// The uploads behind the covers this page shows, by file name (see ``knowing(_:from:)``).
    var pictures: [String: MediaItem] = [:]

    /// JSON-LD for a trail of links (home first), as `BreadcrumbList`.
    func breadcrumbData(_ crumbs: [(name: String, path: String)]) -> StructuredData {
        .breadcrumbs(
            StructuredData.BreadcrumbList(
                itemListElement: crumbs.enumerated().map { index, crumb in
                    StructuredData.BreadcrumbList.Item(
                        position: index + 1, name: crumb.name, item: urls.absolute(crumb.path))
                }))
    }

    /// The publisher, for `NewsArticle`.
    var publisherData: StructuredData.Publisher {
        StructuredData.Publisher(
            name: settings.name, url: urls.absolute(urls.home),
            logo: .init(url: urls.absolute(theme.permanentAssetURL("logo.png"))))
    }

    /// Top-level sections in navigation order.
    var topSections: [Section] { sections.filter { $0.parentID == nil } }

    func card(_ summary: ArticleSummary) -> ArticleCard {
        ArticleCard(
            summary, picture: picture(summary.cover, place: .card), urls: urls, dates: dates, localizer: localizer)
    }

    /// The home page's lead story, its picture across the page and loaded first.
    func leadCard(_ summary: ArticleSummary) -> ArticleCard {
        ArticleCard(
            summary, picture: picture(summary.cover, place: .lead), urls: urls, dates: dates, localizer: localizer)
    }

    /// Renders `content` inside the site frame with `template`.
    func render<Content: Encodable>(
        _ content: Content, template: TemplateName, title: String?, description: String, canonicalPath: String?,
        currentSectionID: Int64? = nil, prevURL: String? = nil, nextURL: String? = nil, noindex: Bool = false,
        meta: PageMeta = PageMeta(), previewNotice: String? = nil
    ) -> String {
        let fullTitle = title.map { "\($0) | \(settings.name)" } ?? settings.name
        let nav = topSections.map {
            LayoutModel.NavItem(name: $0.name, url: urls.section($0.slug), current: $0.id == currentSectionID)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: settings.timeZone) ?? .gmt
        var layout = LayoutModel(
            lang: settings.language.rawValue, dir: settings.language.isRightToLeft ? "rtl" : "ltr",
            siteName: settings.name, tagline: settings.tagline, pageTitle: fullTitle, description: description,
            canonical: canonicalPath.map(urls.absolute), noindex: noindex, stylesheet: theme.assetURL("site.css"),
            script: theme.assetURL("site.js"), favicon: theme.assetURL("favicon.svg"), nav: nav,
            pages: footerPages.map { LayoutModel.NavItem(name: $0.title, url: urls.page($0.slug), current: false) },
            hasPages: !footerPages.isEmpty,
            prevURL: prevURL.map(urls.absolute), nextURL: nextURL.map(urls.absolute), searchURL: urls.search,
            year: String(calendar.component(.year, from: now)), social: socialMeta(meta, title: title ?? settings.name),
            logoURL: urls.absolute(theme.permanentAssetURL("logo.png")))
        layout.previewNotice = previewNotice
        return theme.render(
            PageModel(t: localizer.strings, layout: layout, content: content), template: template,
            language: localizer.language)
    }
}
