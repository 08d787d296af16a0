import Hummingbird

/// A list page asked for in a request (`?page=N`), checked at the edge: 1 to ``maximum``, so the
/// offsets and page links made from it cannot overflow or form an empty range.
struct PageNumber: Sendable, Equatable {
    /// Far past any real list (100,000 pages of 100 is ten million articles).
    static let maximum = 100_000

    let value: Int

    static let first = PageNumber(checked: 1)

    private init(checked value: Int) { self.value = value }

    /// Page 1 when `raw` is absent; nil when it is not a whole number from 1 to ``maximum``.
    init?(_ raw: String?) {
        guard let raw else {
            self = .first
            return
        }
        // At most six digits: `Int(_:)` is not even asked about `9223372036854775808`.
        guard raw.utf8.count <= 6, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(raw),
            number >= 1, number <= Self.maximum
        else { return nil }
        value = number
    }

    /// The request's `page` query parameter; `nil` when malformed.
    init?(_ request: Request) {
        self.init(request.query["page"])
    }

    /// How many items come before this page (`pageSize` is at most a few hundred).
    func offset(pageSize: Int) -> Int { (value - 1) * pageSize }

    /// 404 for a page past the end of a list; page 1 of an empty list still exists.
    func requireExists(itemsOnPage: Int) throws {
        if value > 1, itemsOnPage == 0 { throw HTTPError(.notFound) }
    }
}

/// Links between the pages of a list.
struct Pagination: Encodable {
    struct PageLink: Encodable {
        let number: Int
        let url: String
        let current: Bool
    }

    let prevURL: String?
    let nextURL: String?
    let pages: [PageLink]
    let summary: String

    /// Nil when everything fits on one page. A `current` page past the end links back into the list
    /// (callers answer 404 for those; this never traps on them).
    init?(current: PageNumber, total: Int, pageSize: Int, localizer: Localizer, url: (Int) -> String) {
        let size = max(1, pageSize)
        let pageCount = max(1, total / size + (total % size == 0 ? 0 : 1))
        guard pageCount > 1 else { return nil }
        let current = current.value
        prevURL = current > 1 ? url(min(current - 1, pageCount)) : nil
        nextURL = current < pageCount ? url(current + 1) : nil
        // A window of pages around the current one keeps long sections usable on a phone.
        let middle = min(current, pageCount)
        let window = max(1, middle - 2)...min(pageCount, middle + 2)
        pages = window.map { PageLink(number: $0, url: url($0), current: $0 == current) }
        summary = localizer.text("page_of")
            .replacingOccurrences(of: "{page}", with: String(current))
            .replacingOccurrences(of: "{pages}", with: String(pageCount))
    }
}
