import Foundation
import NashraCore
import Testing

/// The behaviour every ``ContentStore`` backend must show. Each backend's test target runs every
/// check against a fresh, empty store of its own kind:
///
/// ```swift
/// @Test(arguments: StoreContract<SQLiteStore>.checks)
/// func contract(_ check: StoreContract<SQLiteStore>.Check) async throws {
///     try await check.run(on: makeEmptyStore())
/// }
/// ```
public enum StoreContract<Store: ContentStore> {
    /// One named check; its name shows in the test report.
    public struct Check: Sendable, CustomTestStringConvertible {
        public let name: String
        let body: @Sendable (Store, Fixtures<Store>) async throws -> Void

        public var testDescription: String { name }

        /// Runs the check on an empty store.
        public func run(on store: Store, now: Date = FixedClock().now) async throws {
            try await body(store, Fixtures(store: store, now: now))
        }
    }

    public static var checks: [Check] {
        StoreContractContent<Store>.checks + StoreContractLists<Store>.checks + StoreContractOther<Store>.checks
            + StoreContractSearch<Store>.checks + StoreContractWordPress<Store>.checks
    }
}

/// Sections, authors, articles, slugs.
enum StoreContractContent<Store: ContentStore> {
    typealias Check = StoreContract<Store>.Check

    static var checks: [Check] {
        [
            Check(name: "a new store is empty, then not") { store, given in
                #expect(try await store.isEmpty())
                try await given.section("دولي")
                #expect(try await !store.isEmpty())
            },
            Check(name: "sections come in navigation order and slugs are unique") { store, given in
                try await given.section("اقتصاد", position: 2)
                let world = try await given.section("دولي", position: 1)
                #expect(try await store.sections().map(\.name) == ["دولي", "اقتصاد"])
                #expect(try await store.section(slug: world.slug)?.id == world.id)
                await #expect(throws: ValidationError(field: "slug", problem: .duplicate)) {
                    try await given.section("دولي")
                }
                await #expect(throws: ValidationError(field: "parent", problem: .notFound)) {
                    try await store.createSection(NewSection(name: "فرعي", parentID: 999))
                }
            },
            Check(name: "an article is saved with its section, author, tags, source and sanitized body") {
                store, given in
                let section = try await given.section("دولي")
                let author = try await given.author("سلمى الحداد")
                let saved = try await given.article(
                    "عنوان الخبر", section: section, author: author, tags: ["المناخ", "الأمم المتحدة", "المناخ"],
                    body: "<p onclick=\"x()\">نص</p><script>alert(1)</script>",
                    source: SourceCredit(name: "وكالة", url: "https://example.org/a"))
                let loaded = try #require(try await store.article(id: saved.id))
                #expect(loaded.title == "عنوان الخبر")
                #expect(loaded.section.id == section.id)
                #expect(loaded.author.name == "سلمى الحداد")
                #expect(loaded.tags.map(\.name) == ["المناخ", "الأمم المتحدة"])
                #expect(loaded.source == SourceCredit(name: "وكالة", url: "https://example.org/a"))
                #expect(loaded.body.markup == "<p>نص</p>")
                #expect(try await store.tag(slug: Slug.make(from: "المناخ"))?.name == "المناخ")
            },
            Check(name: "only published articles dated in the past are visible") { store, given in
                let section = try await given.section("دولي")
                let author = try await given.author("كاتب")
                let visible = try await given.article("منشور", section: section, author: author, hoursAgo: 1)
                let draft = try await given.article("مسودة", section: section, author: author, status: .draft)
                let future = try await given.article(
                    "مجدول", section: section, author: author, hoursAgo: -2, status: .scheduled)
                let postdated = try await given.article("منشور لاحقاً", section: section, author: author, hoursAgo: -1)
                let listed = try await store.articles(ArticleQuery(limit: 10), now: given.now)
                #expect(listed.items.map(\.id) == [visible.id])
                #expect(listed.total == 1)
                for hidden in [draft, future, postdated] {
                    #expect(try await store.publishedArticle(slug: hidden.slug, now: given.now) == .notFound)
                }
                #expect(try await store.publishedArticle(slug: visible.slug, now: given.now) == .found(visible))
                #expect(try await store.publishedArticle(slug: "لا-يوجد", now: given.now) == .notFound)
            },
            Check(name: "slugs are unique and an edited slug leaves a redirect behind") { store, given in
                let section = try await given.section("دولي")
                let author = try await given.author("كاتب")
                let first = try await given.article("خبر مهم", section: section, author: author)
                let second = try await given.article("خبر مهم", section: section, author: author)
                #expect(first.slug == "خبر-مهم")
                #expect(second.slug == "خبر-مهم-2")
                let renamed = try await given.retitle(first, to: "خبر مهم جداً")
                #expect(renamed.slug == "خبر-مهم-جدا")
                #expect(
                    try await store.publishedArticle(slug: "خبر-مهم", now: given.now) == .moved(toSlug: renamed.slug))
                // The old slug stays reserved for its redirect.
                let third = try await given.article("خبر مهم", section: section, author: author)
                #expect(third.slug == "خبر-مهم-3")
                // Renaming back takes the old slug again and drops the redirect.
                let back = try await given.retitle(renamed, to: "خبر مهم")
                #expect(back.slug == "خبر-مهم")
                #expect(
                    try await store.publishedArticle(slug: "خبر-مهم-جدا", now: given.now) == .moved(toSlug: "خبر-مهم"))
            },
            Check(name: "a failed save changes nothing") { store, given in
                let section = try await given.section("دولي")
                let author = try await given.author("كاتب")
                let before = try await store.contentVersion()
                let draft = ArticleDraft(
                    title: "يتيم", bodyHTML: "<p>x</p>", sectionID: section.id + 100, authorID: author.id,
                    status: .published, publishedAt: given.now)
                await #expect(throws: ValidationError(field: "section", problem: .notFound)) {
                    try await store.saveArticle(try draft.validated(), now: given.now)
                }
                #expect(try await store.articles(ArticleQuery(limit: 10), now: given.now).total == 0)
                #expect(try await store.contentVersion() == before)
            },
        ]
    }
}
