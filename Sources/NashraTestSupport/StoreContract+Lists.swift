import Foundation
import NashraCore
import Testing

/// Lists: ordering, pagination, filters, related articles, the home page's blocks.
enum StoreContractLists<Store: ContentStore> {
    typealias Check = StoreContract<Store>.Check

    static var checks: [Check] {
        [
            Check(name: "lists are newest first and paginate with a total") { store, given in
                let section = try await given.section("دولي")
                let author = try await given.author("كاتب")
                for hour in 1...5 {
                    try await given.article("خبر \(hour)", section: section, author: author, hoursAgo: Double(hour))
                }
                let page = try await store.articles(ArticleQuery(limit: 2, offset: 2), now: given.now)
                #expect(page.total == 5)
                #expect(page.items.map(\.title) == ["خبر 3", "خبر 4"])
            },
            Check(name: "section lists include child sections; tag, author and breaking filters") { store, given in
                let tech = try await given.section("تكنولوجيا")
                let security = try await given.section("أمن سيبراني", parent: tech)
                let sport = try await given.section("رياضة")
                let writer = try await given.author("ليلى منصور")
                let other = try await given.author("كريم الزين")
                let a = try await given.article(
                    "تقنية", section: tech, author: writer, tags: ["الذكاء الاصطناعي"], hoursAgo: 1)
                let b = try await given.article(
                    "اختراق", section: security, author: writer, hoursAgo: 2, breaking: true)
                let c = try await given.article(
                    "مباراة", section: sport, author: other, tags: ["الذكاء الاصطناعي"], hoursAgo: 30, breaking: true)
                func ids(_ filter: ArticleQuery.Filter) async throws -> [Int64] {
                    try await store.articles(ArticleQuery(filter: filter, limit: 10), now: given.now).items.map(\.id)
                }
                #expect(try await ids(.section(tech.id)) == [a.id, b.id])
                #expect(try await ids(.section(security.id)) == [b.id])
                let tag = try #require(try await store.tag(slug: Slug.make(from: "الذكاء الاصطناعي")))
                #expect(try await ids(.tag(tag.id)) == [a.id, c.id])
                #expect(try await ids(.author(other.id)) == [c.id])
                #expect(try await ids(.breakingSince(given.now.addingTimeInterval(-24 * 3600))) == [b.id])
                let excluded = try await store.articles(
                    ArticleQuery(limit: 10, excluding: [a.id, c.id]), now: given.now)
                #expect(excluded.items.map(\.id) == [b.id])
            },
            Check(name: "related: shared tags first, then section, then recency; never itself or unpublished") {
                store, given in
                let world = try await given.section("دولي")
                let economy = try await given.section("اقتصاد")
                let author = try await given.author("كاتب")
                let subject = try await given.article(
                    "الأصل", section: world, author: author, tags: ["المناخ", "الطاقة"], hoursAgo: 5)
                let twoTags = try await given.article(
                    "وسمان", section: economy, author: author, tags: ["الطاقة", "المناخ"], hoursAgo: 50)
                let oneTag = try await given.article(
                    "وسم", section: economy, author: author, tags: ["المناخ"], hoursAgo: 40)
                let sameSection = try await given.article("القسم", section: world, author: author, hoursAgo: 30)
                let recent = try await given.article("حديث", section: economy, author: author, hoursAgo: 1)
                try await given.article(
                    "مسودة", section: world, author: author, tags: ["المناخ", "الطاقة"], status: .draft)
                let related = try await store.relatedArticles(to: subject, limit: 10, now: given.now)
                #expect(related.map(\.id) == [twoTags.id, oneTag.id, sameSection.id, recent.id])
                #expect(try await store.relatedArticles(to: subject, limit: 2, now: given.now).count == 2)
            },
            Check(name: "related: a similar title ranks after shared tags and before the section") { store, given in
                let world = try await given.section("دولي")
                let economy = try await given.section("اقتصاد")
                let author = try await given.author("كاتب")
                let subject = try await given.article(
                    "اختراقات خوادم البريد", section: world, author: author, tags: ["أمن"])
                let tagged = try await given.article(
                    "خبر آخر", section: economy, author: author, tags: ["أمن"], hoursAgo: 90)
                let similar = try await given.article(
                    "الاختراق يطال الخوادم", section: economy, author: author, hoursAgo: 60)
                let sameSection = try await given.article("قمة دولية", section: world, author: author, hoursAgo: 2)
                let related = try await store.relatedArticles(to: subject, limit: 10, now: given.now)
                #expect(related.map(\.id) == [tagged.id, similar.id, sameSection.id])
            },
            Check(name: "related: the first few are the first few of the ranking over every article") {
                store, given in
                // Titles share no word, so the order is tags, then section, then recency, which the
                // check computes itself over all 40 articles to compare with the store's answer.
                let sections = [
                    try await given.section("دولي"), try await given.section("اقتصاد"),
                    try await given.section("رياضة"),
                ]
                let author = try await given.author("كاتب")
                let tagNames = ["المناخ", "الطاقة", "المياه", "النقل"]
                var state: UInt64 = 2026
                func next(_ bound: Int) -> Int {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Int((state >> 33) % UInt64(bound))
                }
                var made: [(article: Article, tags: Set<String>, hoursAgo: Double)] = []
                for index in 0..<40 {
                    let tags = Set(tagNames.filter { _ in next(4) == 0 })
                    let hoursAgo = Double(index * 7 % 40) + 1
                    let article = try await given.article(
                        "zq\(index)x", section: sections[next(3)], author: author, tags: tags.sorted(),
                        hoursAgo: hoursAgo)
                    made.append((article, tags, hoursAgo))
                }
                let subject = made[0]
                let ranked = made.dropFirst().sorted { left, right in
                    let shared = (
                        left.tags.intersection(subject.tags).count, right.tags.intersection(subject.tags).count
                    )
                    if shared.0 != shared.1 { return shared.0 > shared.1 }
                    let same = (
                        left.article.section.id == subject.article.section.id,
                        right.article.section.id == subject.article.section.id
                    )
                    if same.0 != same.1 { return same.0 }
                    if left.hoursAgo != right.hoursAgo { return left.hoursAgo < right.hoursAgo }
                    return left.article.id > right.article.id
                }.map(\.article.id)
                for limit in [1, 3, 5, 12] {
                    let related = try await store.relatedArticles(to: subject.article, limit: limit, now: given.now)
                    #expect(related.map(\.id) == Array(ranked.prefix(limit)), "limit \(limit)")
                }
            },
            Check(name: "latest by section rolls child sections up into their parent") { store, given in
                let tech = try await given.section("تكنولوجيا")
                let security = try await given.section("أمن سيبراني", parent: tech)
                let sport = try await given.section("رياضة")
                let author = try await given.author("كاتب")
                let older = try await given.article("أقدم", section: tech, author: author, hoursAgo: 9)
                let newer = try await given.article("أحدث", section: security, author: author, hoursAgo: 1)
                let middle = try await given.article("وسط", section: tech, author: author, hoursAgo: 3)
                let match = try await given.article("مباراة", section: sport, author: author, hoursAgo: 2)
                let blocks = try await store.latestBySection(perSection: 2, now: given.now)
                #expect(blocks[tech.id]?.map(\.id) == [newer.id, middle.id])
                #expect(blocks[sport.id]?.map(\.id) == [match.id])
                #expect(blocks[security.id] == nil)
                #expect(!(blocks[tech.id]?.contains { $0.id == older.id } ?? true))
            },
            Check(name: "feeds get whole articles; sitemaps list visible things once, with dates, in pages") {
                store, given in
                let tech = try await given.section("تكنولوجيا")
                let security = try await given.section("أمن سيبراني", parent: tech)
                try await given.section("فارغ")
                let writer = try await given.author("ليلى منصور")
                try await given.author("بلا مقالات")
                let first = try await given.article(
                    "أول", section: security, author: writer, tags: ["أمن"], hoursAgo: 50)
                let second = try await given.article(
                    "ثان", section: tech, author: writer, tags: ["أمن", "شبكات"], hoursAgo: 10)
                try await given.article("مسودة", section: tech, author: writer, tags: ["مخفي"], status: .draft)
                let feed = try await store.feedArticles(ArticleQuery(limit: 20), now: given.now)
                #expect(feed.map(\.id) == [second.id, first.id])
                #expect(feed.first?.tags.map(\.name) == ["أمن", "شبكات"])
                #expect(feed.first?.body.isEmpty == false)
                let recent = try await store.articles(
                    ArticleQuery(filter: .publishedSince(given.now.addingTimeInterval(-48 * 3600)), limit: 10),
                    now: given.now)
                #expect(recent.items.map(\.id) == [second.id])

                let articles = try await store.sitemapEntries(.articles, limit: 1, offset: 1, now: given.now)
                #expect(articles.total == 2)
                #expect(articles.items.map(\.slug) == [second.slug])
                let sections = try await store.sitemapEntries(.sections, limit: 10, offset: 0, now: given.now)
                #expect(sections.items.map(\.slug) == [tech.slug, security.slug])
                #expect(sections.items.first?.lastModified == second.publishedAt)
                let tags = try await store.sitemapEntries(.tags, limit: 10, offset: 0, now: given.now)
                #expect(Set(tags.items.map(\.slug)) == [Slug.make(from: "أمن"), Slug.make(from: "شبكات")])
                let authors = try await store.sitemapEntries(.authors, limit: 10, offset: 0, now: given.now)
                #expect(authors.items.map(\.slug) == [writer.slug])
            },
        ]
    }
}
