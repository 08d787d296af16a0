import Foundation
import NashraCore

/// A feed, independent of its format; ``FeedDocument/rss()`` and ``FeedDocument/atom()`` write it.
struct FeedDocument {
    struct Item {
        /// A stable id that survives slug edits: `tag:HOST,2026:article-ID`.
        let id: String
        let title: String
        /// Absolute.
        let link: String
        let summary: String
        /// Sanitized HTML, when the site publishes full text.
        let contentHTML: String?
        let published: Date
        let updated: Date
        let author: String
        let categories: [String]
        /// Absolute cover image URL.
        let imageURL: String?
        let imageAlt: String?
        /// What is known of that image when it is one of our copies.
        var image: FeedImage? = nil
    }

    /// A copy of a cover: its size, type and bytes, for readers that lay out before downloading.
    struct FeedImage {
        let width: Int
        let height: Int
        let type: String
        let bytes: Int
    }

    let title: String
    let subtitle: String
    /// The HTML page this feed follows, absolute.
    let link: String
    /// The feed's own URLs, absolute.
    let rssURL: String
    let atomURL: String
    let language: String
    let id: String
    let updated: Date
    let items: [Item]

    /// RSS 2.0 with the content, Dublin Core, Atom and Media RSS extensions. RSS readers render
    /// `title` and `description` as HTML, so plain text goes there HTML-escaped, then XML-escaped:
    /// after XML parsing the reader sees `&lt;img&gt;`, never an element.
    func rss() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
            <channel>
            <title>\(h(title))</title>
            <link>\(e(link))</link>
            <description>\(h(subtitle))</description>
            <language>\(e(language))</language>
            <lastBuildDate>\(FeedDates.rfc822(updated))</lastBuildDate>
            <generator>Nashra</generator>
            <atom:link href="\(e(rssURL))" rel="self" type="application/rss+xml"/>

            """
        for item in items {
            xml += "<item>\n<title>\(h(item.title))</title>\n<link>\(e(item.link))</link>\n"
            xml += "<guid isPermaLink=\"false\">\(e(item.id))</guid>\n"
            xml += "<pubDate>\(FeedDates.rfc822(item.published))</pubDate>\n"
            xml += "<dc:creator>\(e(item.author))</dc:creator>\n"
            for category in item.categories { xml += "<category>\(e(category))</category>\n" }
            xml += "<description>\(h(item.summary))</description>\n"
            if let html = item.contentHTML { xml += "<content:encoded>\(e(html))</content:encoded>\n" }
            if let image = item.imageURL {
                xml += "<media:content url=\"\(e(image))\" medium=\"image\""
                if let known = item.image {
                    xml += " type=\"\(known.type)\" width=\"\(known.width)\" height=\"\(known.height)\""
                    xml += " fileSize=\"\(known.bytes)\""
                }
                xml += ">"
                if let alt = item.imageAlt { xml += "<media:description>\(h(alt))</media:description>" }
                xml += "</media:content>\n"
            }
            xml += "</item>\n"
        }
        return xml + "</channel>\n</rss>\n"
    }

    /// Atom 1.0 (RFC 4287).
    func atom() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(e(language))">
            <title>\(e(title))</title>
            <subtitle>\(e(subtitle))</subtitle>
            <id>\(e(id))</id>
            <updated>\(FeedDates.rfc3339(updated))</updated>
            <link rel="self" type="application/atom+xml" href="\(e(atomURL))"/>
            <link rel="alternate" type="text/html" href="\(e(link))"/>
            <generator>Nashra</generator>

            """
        for item in items {
            xml += "<entry>\n<title>\(e(item.title))</title>\n<id>\(e(item.id))</id>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(e(item.link))\"/>\n"
            xml += "<published>\(FeedDates.rfc3339(item.published))</published>\n"
            xml += "<updated>\(FeedDates.rfc3339(item.updated))</updated>\n"
            xml += "<author><name>\(e(item.author))</name></author>\n"
            for category in item.categories { xml += "<category term=\"\(e(category))\"/>\n" }
            xml += "<summary>\(e(item.summary))</summary>\n"
            if let html = item.contentHTML { xml += "<content type=\"html\">\(e(html))</content>\n" }
            if let image = item.imageURL {
                let known = item.image.map { " type=\"\($0.type)\" length=\"\($0.bytes)\"" } ?? ""
                xml += "<link rel=\"enclosure\" href=\"\(e(image))\"\(known)/>\n"
            }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    private func e(_ text: String) -> String { XMLEscaping.escape(text) }
    /// Plain text for an element whose content a reader treats as HTML.
    private func h(_ text: String) -> String { XMLEscaping.escape(HTMLEscaping.escape(text)) }
}
