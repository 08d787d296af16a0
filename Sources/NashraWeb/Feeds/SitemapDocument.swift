import Foundation
import NashraCore

/// The XML of sitemaps (sitemaps.org 0.9) and of the Google News sitemap.
enum SitemapDocument {
    static func index(_ sitemaps: [(url: String, lastModified: Date?)]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for sitemap in sitemaps {
            xml += "<sitemap><loc>\(XMLEscaping.escape(sitemap.url))</loc>"
            if let date = sitemap.lastModified { xml += "<lastmod>\(FeedDates.rfc3339(date))</lastmod>" }
            xml += "</sitemap>\n"
        }
        return xml + "</sitemapindex>\n"
    }

    static func urls(_ entries: [(url: String, lastModified: Date)]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries {
            xml +=
                "<url><loc>\(XMLEscaping.escape(entry.url))</loc><lastmod>\(FeedDates.rfc3339(entry.lastModified))</lastmod></url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// Articles of the last 48 hours, as Google News asks.
    static func news(_ articles: [(url: String, title: String, published: Date)], publication: String, language: String)
        -> String
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
        xml += "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n"
        for article in articles {
            xml += "<url><loc>\(XMLEscaping.escape(article.url))</loc><news:news><news:publication>"
            xml += "<news:name>\(XMLEscaping.escape(publication))</news:name>"
            xml += "<news:language>\(XMLEscaping.escape(language))</news:language></news:publication>"
            xml += "<news:publication_date>\(FeedDates.rfc3339(article.published))</news:publication_date>"
            xml += "<news:title>\(XMLEscaping.escape(article.title))</news:title></news:news></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
