import Foundation

/// Yoast SEO's and Rank Math's title and description of a post, as our ``SEOFields``.
///
/// Both plugins keep templates as much as text: `%%title%% %%sep%% %%sitename%%` (Yoast) or
/// `%title% %sep% %sitename%` (Rank Math). The post's title and excerpt are put in; every other
/// variable (separator, site name, page number, category…) is left out, since our pages add the
/// site's name themselves; separators left dangling at either end go too. A title that comes out
/// as the post's own headline is no override and stays empty.
enum WordPressSEO {
    static let titleKeys = ["_yoast_wpseo_title", "rank_math_title"]
    static let descriptionKeys = ["_yoast_wpseo_metadesc", "rank_math_description"]

    static func fields(of item: WXRItem, title: String, summary: String) -> SEOFields {
        func first(_ keys: [String]) -> String {
            keys.lazy.compactMap { item.meta($0) }.first { !$0.trimmingASCIIWhitespace().isEmpty } ?? ""
        }
        var seoTitle = String(expand(first(titleKeys), title: title, summary: summary).prefix(SEOFields.maxTitle))
        if seoTitle == title { seoTitle = "" }
        let description = String(
            expand(first(descriptionKeys), title: title, summary: summary).prefix(SEOFields.maxDescription))
        return SEOFields(
            title: seoTitle.trimmingCharacters(in: .whitespacesAndNewlines),
            description: description.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The template with the title and excerpt put in and every other variable left out.
    static func expand(_ template: String, title: String, summary: String) -> String {
        guard !template.isEmpty else { return "" }
        var text = HTMLText.line(template)
        let values = ["title": title, "excerpt": summary, "excerpt_only": summary]
        text = text.replacing(/%%([a-z_]+)%%|%([a-z_]+)%/) { match in
            let name = String(match.output.1 ?? match.output.2 ?? "")
            return values[name] ?? ""
        }
        // Separators, not quotation marks: « and » around a phrase are text.
        let separators = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "-|–—·•:/"))
        text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return text.trimmingCharacters(in: separators)
    }
}
