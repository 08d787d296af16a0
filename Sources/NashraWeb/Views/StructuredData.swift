import Foundation

/// A JSON-LD document a page carries, as a type: a misspelt property is a compile error, not a
/// silently ignored key. ``SafeJSON`` writes it so no value can close its script element.
enum StructuredData: Encodable, Sendable {
    case newsArticle(NewsArticle)
    case breadcrumbs(BreadcrumbList)
    case website(WebSite)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .newsArticle(let value): try value.encode(to: encoder)
        case .breadcrumbs(let value): try value.encode(to: encoder)
        case .website(let value): try value.encode(to: encoder)
        }
    }

    static let schema = "https://schema.org"

    struct NewsArticle: Encodable, Sendable {
        let context = StructuredData.schema
        let type = "NewsArticle"
        let headline: String
        let description: String
        let datePublished: String
        let dateModified: String
        let author: [Person]
        let publisher: Publisher
        let mainEntityOfPage: WebPage
        let articleSection: String
        let inLanguage: String
        let url: String
        let image: [String]
        let keywords: [String]?
        let sourceOrganization: Organization?

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", headline, description, datePublished, dateModified, author
            case publisher, mainEntityOfPage, articleSection, inLanguage, url, image, keywords, sourceOrganization
        }
    }

    struct Person: Encodable, Sendable {
        let type = "Person"
        let name: String
        let url: String

        enum CodingKeys: String, CodingKey { case type = "@type", name, url }
    }

    struct Organization: Encodable, Sendable {
        let type = "Organization"
        let name: String

        enum CodingKeys: String, CodingKey { case type = "@type", name }
    }

    struct Publisher: Encodable, Sendable {
        struct Logo: Encodable, Sendable {
            let type = "ImageObject"
            let url: String

            enum CodingKeys: String, CodingKey { case type = "@type", url }
        }

        let type = "NewsMediaOrganization"
        let name: String
        let url: String
        let logo: Logo

        enum CodingKeys: String, CodingKey { case type = "@type", name, url, logo }
    }

    struct WebPage: Encodable, Sendable {
        let type = "WebPage"
        let id: String

        enum CodingKeys: String, CodingKey { case type = "@type", id = "@id" }
    }

    struct BreadcrumbList: Encodable, Sendable {
        struct Item: Encodable, Sendable {
            let type = "ListItem"
            let position: Int
            let name: String
            let item: String

            enum CodingKeys: String, CodingKey { case type = "@type", position, name, item }
        }

        let context = StructuredData.schema
        let type = "BreadcrumbList"
        let itemListElement: [Item]

        enum CodingKeys: String, CodingKey { case context = "@context", type = "@type", itemListElement }
    }

    struct WebSite: Encodable, Sendable {
        struct SearchAction: Encodable, Sendable {
            struct EntryPoint: Encodable, Sendable {
                let type = "EntryPoint"
                let urlTemplate: String

                enum CodingKeys: String, CodingKey { case type = "@type", urlTemplate }
            }

            let type = "SearchAction"
            let target: EntryPoint
            let queryInput = "required name=search_term_string"

            enum CodingKeys: String, CodingKey { case type = "@type", target, queryInput = "query-input" }
        }

        let context = StructuredData.schema
        let type = "WebSite"
        let name: String
        let url: String
        let inLanguage: String
        let potentialAction: SearchAction

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", name, url, inLanguage, potentialAction
        }
    }
}
