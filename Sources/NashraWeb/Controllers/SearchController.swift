import Foundation
import Hummingbird
import NashraCore

/// `/search` (results with snippets, filters, pagination, "did you mean") and the OpenSearch
/// description browsers use to add the site's search.
struct SearchController<Store: ContentStore>: Sendable {
    let site: Site<Store>
    var store: Store { site.store }
    var urls: SiteURLs { site.urls }

    static var pageSize: Int { 10 }

    func register(on router: Router<NashraRequestContext>) {
        router.get("/search") { request, _ in try await search(request) }
        router.get("/opensearch.xml") { request, _ in
            try await site.cached(request, key: request.uri.path) { context in openSearch(context) }
        }
    }

    /// The form's values as the reader sent them.
    struct Parameters {
        var text = ""
        var sectionSlug = ""
        var from = ""
        var to = ""
        var sortByDate = false
        var page = PageNumber.first

        init(_ request: Request) {
            let query = request.query
            func value(_ name: String) -> String {
                (query[name] ?? "").trimmingCharacters(in: .whitespaces)
            }
            text = value("q")
            sectionSlug = value("section")
            from = Self.validDate(value("from")) ?? ""
            to = Self.validDate(value("to")) ?? ""
            sortByDate = value("sort") == "date"
            page = PageNumber(value("page")) ?? .first
        }

        static func validDate(_ text: String) -> String? {
            parse(text) == nil ? nil : text
        }

        /// `YYYY-MM-DD` as midnight UTC; nil for anything else. No formatter is built per request.
        static func parse(_ text: String) -> Date? {
            guard text.count == 10 else { return nil }
            return try? Date(text + "T00:00:00Z", strategy: .iso8601)
        }

        /// The URL of these parameters on another page (or with another text).
        func url(_ urls: SiteURLs, page: Int? = nil, text: String? = nil) -> String {
            var items = ["q=" + SiteURLs.encode(text ?? self.text)]
            if !sectionSlug.isEmpty { items.append("section=" + SiteURLs.encode(sectionSlug)) }
            if !from.isEmpty { items.append("from=" + from) }
            if !to.isEmpty { items.append("to=" + to) }
            if sortByDate { items.append("sort=date") }
            if let page, page > 1 { items.append("page=\(page)") }
            return urls.search + "?" + items.joined(separator: "&")
        }
    }

    func search(_ request: Request) async throws -> Response {
        let parameters = Parameters(request)
        // The parameters in one spelling and order, so every way of asking shares one cached page.
        return try await site.cached(request, key: parameters.url(urls, page: parameters.page.value)) { context in
            try await results(parameters, context)
        }
    }

    func results(_ parameters: Parameters, _ context: RenderContext) async throws -> PageOutcome {
        let now = context.now
        let localizer = context.localizer
        var keys: Set<String> = [CacheKey.search]
        var messages: [String] = []
        var results: [SearchContent.Result] = []
        var resultCount = ""
        var pagination: Pagination?
        var suggestion: (text: String, url: String)?
        let section = context.sections.first { $0.slug == parameters.sectionSlug }
        let heading: String
        if parameters.text.isEmpty {
            heading = localizer.text("search_title")
            messages.append(localizer.text("search_empty"))
        } else {
            heading = localizer.text("search_results_for").replacingOccurrences(of: "{q}", with: parameters.text)
            if parameters.text.count > SearchQuery.maxLength { messages.append(localizer.text("search_too_long")) }
            let query = SearchQuery(
                parameters.text, sectionID: section?.id, from: Parameters.parse(parameters.from),
                to: Parameters.parse(parameters.to).map { $0.addingTimeInterval(86_400) },
                sort: parameters.sortByDate ? .date : .relevance, synonyms: context.settings.synonyms)
            if query.isEmpty {
                messages.append(localizer.text("search_nothing_to_find"))
            } else {
                let found = try await store.search(
                    query, limit: Self.pageSize, offset: parameters.page.offset(pageSize: Self.pageSize), now: now)
                try parameters.page.requireExists(itemsOnPage: found.items.count)
                resultCount = localizer.plural("search_result_count", found.total)
                keys.formUnion(found.items.map { CacheKey.article($0.article.id) })
                let terms = query.highlightTerms
                let context = try await context.knowing(found.items.map(\.article.cover), from: store)
                results = found.items.map { hit in
                    SearchContent.Result(
                        card: context.card(hit.article),
                        snippetHTML: SearchSnippet.make(hit.article.summary + "\n" + hit.plainText, terms: terms))
                }
                pagination = Pagination(
                    current: parameters.page, total: found.total, pageSize: Self.pageSize, localizer: localizer,
                    url: { parameters.url(urls, page: $0) })
                if found.total == 0 {
                    messages.append(
                        localizer.text("search_no_results").replacingOccurrences(of: "{q}", with: parameters.text))
                    let corrections = try await store.readableSuggestions(for: query, now: now)
                    if !corrections.isEmpty {
                        let corrected = Self.corrected(parameters.text, corrections)
                        suggestion = (corrected, parameters.url(urls, text: corrected))
                    }
                }
            }
        }
        let content = SearchContent(
            heading: heading, action: urls.search, query: parameters.text,
            sections: context.topSections.map {
                SearchContent.SectionOption(slug: $0.slug, name: $0.name, selected: $0.id == section?.id)
            },
            from: parameters.from, to: parameters.to, sortByDate: parameters.sortByDate, messages: messages,
            hasSuggestion: suggestion != nil, suggestionText: suggestion?.text ?? "",
            suggestionURL: suggestion?.url ?? "",
            hasResults: !results.isEmpty, resultCount: resultCount, results: results, pagination: pagination)
        let html = context.render(
            content, template: .search, title: heading, description: localizer.text("search_label"),
            canonicalPath: nil, noindex: true)
        return site.page(html, keys: keys, context)
    }

    /// The reader's words with each unknown one replaced by its suggestion (matched on its index form).
    static func corrected(_ text: String, _ corrections: [String: String]) -> String {
        text.split(separator: " ").map { word in
            let term = ArabicAnalyzer.terms(String(word)).first ?? ""
            return corrections[term] ?? String(word)
        }.joined(separator: " ")
    }

    func openSearch(_ context: RenderContext) -> PageOutcome {
        let name = XMLEscaping.escape(context.settings.name)
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
            <ShortName>\(name)</ShortName>
            <Description>\(XMLEscaping.escape(context.localizer.text("search_label"))) — \(name)</Description>
            <InputEncoding>UTF-8</InputEncoding>
            <Language>\(context.settings.language.rawValue)</Language>
            <Image type="image/png" width="256" height="256">\(XMLEscaping.escape(urls.absolute(context.theme.permanentAssetURL("logo.png"))))</Image>
            <Url type="text/html" method="get" template="\(XMLEscaping.escape(urls.absolute(urls.search)))?q={searchTerms}"/>
            </OpenSearchDescription>

            """
        return .page(
            RenderedPage(
                contentType: "application/opensearchdescription+xml; charset=utf-8",
                cacheControl: context.settings.publicCacheControl, body: xml, cacheKeys: [CacheKey.search]))
    }
}

/// The search page's content.
struct SearchContent: Encodable {
    struct SectionOption: Encodable {
        let slug: String
        let name: String
        let selected: Bool
    }

    /// An article as every list shows it, with the matching words of its text.
    struct Result: Encodable {
        let card: ArticleCard
        let snippetHTML: SafeHTML
    }

    let heading: String
    let action: String
    let query: String
    let sections: [SectionOption]
    let from: String
    let to: String
    let sortByDate: Bool
    let messages: [String]
    let hasSuggestion: Bool
    let suggestionText: String
    let suggestionURL: String
    let hasResults: Bool
    let resultCount: String
    let results: [Result]
    let pagination: Pagination?
}
