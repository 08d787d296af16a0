import Foundation
import NashraCore
import Testing

/// The WordPress importer on every backend, with our Arabic export: states, threads, comment
/// states, redirects, re-runs and a run that stops half-way.
enum StoreContractWordPress<Store: ContentStore> {
    typealias Check = StoreContract<Store>.Check
    typealias Arabic = WordPressFixtures.Arabic

    /// Runs `body` with the Arabic export written to a file of its own.
    static func withExport<T>(_ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-wxr-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(try WordPressFixtures.write(WordPressFixtures.arabicExport, in: folder))
    }

    static func importArabic(into store: Store, now: Date, batch: Int = 200) async throws -> WordPressImportReport {
        try await withExport { path in
            var importer = WordPressImport(path: path)
            importer.batchSize = batch
            return try await importer.run(into: store, now: now)
        }
    }

    /// Every article of the store by title, whatever its state (ids are small and dense here).
    static func allArticles(_ store: Store) async throws -> [String: Article] {
        var result: [String: Article] = [:]
        var id: Int64 = 1
        var misses = 0
        while misses < 20 {
            if let article = try await store.article(id: id) {
                result[article.title] = article
                misses = 0
            } else {
                misses += 1
            }
            id += 1
        }
        return result
    }

    static var checks: [Check] {
        [
            Check(name: "wordpress: posts keep their states, sections their parents, bylines their authors") {
                store, given in
                let report = try await importArabic(into: store, now: given.now)
                #expect(report.counts["articles"]?.imported == 6)
                #expect(report.counts["pages"]?.imported == 1)
                #expect(report.counts["nav_menu_item"]?.skipped == 1)
                let articles = try await allArticles(store)
                #expect(articles.count == 6)
                let library = try #require(articles["افتتاح مكتبة الحي"])
                #expect(library.status == .published)
                #expect(library.slug == "افتتاح-مكتبة-الحي")
                #expect(library.summary == "مكتبة عامة جديدة في الحي")
                #expect(library.section.name == "ثقافة", "Yoast's primary category is the section")
                #expect(library.tags.map(\.name).sorted() == ["كتب", "محليات"], "the other category becomes a tag")
                #expect(library.author.name == "سميرة الخطيب")
                #expect(library.commentsOpen)
                #expect(library.isPinned, "sticky")
                let pinned = try await store.articles(ArticleQuery(filter: .pinned, limit: 5), now: given.now).items
                #expect(pinned.map(\.id) == [library.id])
                #expect(library.publishedAt == ISO8601DateFormatter().date(from: "2026-03-14T08:30:00Z"))
                let festival = try #require(articles["مهرجان الزيتون"])
                #expect(festival.slug == "مهرجان-الزيتون", "upper-case escapes in the slug are decoded too")
                #expect(festival.author.name == "سميرة الخطيب", "Co-Authors Plus's byline wins over dc:creator")
                #expect(!festival.commentsOpen)
                #expect(articles[Arabic.scheduledTitle]?.status == .scheduled)
                #expect(articles[Arabic.draftTitle]?.status == .draft)
                #expect(articles[Arabic.privateTitle]?.status == .draft, "private is kept, not public")
                #expect(articles[Arabic.trashedTitle]?.status == .trash)
                let sections = try await store.sections()
                let culture = try #require(sections.first { $0.name == "ثقافة" })
                #expect(culture.parentID == sections.first { $0.name == "محليات" }?.id)
                let visible = try await store.articles(ArticleQuery(limit: 20), now: given.now).items.map(\.title)
                #expect(Set(visible) == ["افتتاح مكتبة الحي", "مهرجان الزيتون"])
                #expect(try await store.search(SearchQuery("المكتبة"), limit: 5, offset: 0, now: given.now).total == 1)
            },
            Check(name: "wordpress: comments keep their threads and states; pingbacks are left out") { store, given in
                let report = try await importArabic(into: store, now: given.now)
                #expect(report.counts["comments"]?.imported == 5)
                #expect(report.counts["comments"]?.skipped == 1)
                #expect(report.skipped.contains { $0.reason.contains("pingbacks") })
                let library = try #require(try await allArticles(store)["افتتاح مكتبة الحي"])
                let approved = try await store.approvedComments(articleID: library.id)
                #expect(approved.map(\.body) == Arabic.approvedComments)
                #expect(approved[1].parentID == approved[0].id)
                #expect(approved[0].authorURL == "https://laila.example")
                var states: [String: CommentStatus] = [:]
                for status in CommentStatus.allCases {
                    for comment in try await store.comments(status: status, limit: 50, offset: 0).items {
                        states[comment.body] = comment.status
                    }
                }
                #expect(states[Arabic.pendingComment] == .pending)
                #expect(states[Arabic.spamComment] == .spam)
                #expect(states[Arabic.trashedComment] == .trash)
                let pending = try await store.comments(status: .pending, limit: 5, offset: 0).items
                #expect(pending.first?.parentID == approved[0].id, "a pending reply keeps its parent")
            },
            Check(name: "wordpress: every old address of a post leads to it; drafts are not revealed") { store, given in
                _ = try await importArabic(into: store, now: given.now)
                let slug = "افتتاح-مكتبة-الحي"
                let encodedLower =
                    "%d8%a7%d9%81%d8%aa%d8%aa%d8%a7%d8%ad-%d9%85%d9%83%d8%aa%d8%a8%d8%a9-%d8%a7%d9%84%d8%ad%d9%8a"
                for old in [
                    "/?p=101", "/2026/03/14/\(encodedLower)/", "/2026/03/14/\(encodedLower.uppercased())",
                    "/2026/03/\(encodedLower)/", "https://akhbar.example/2026/03/14/\(slug)/", "/?attachment_id=120",
                    "/library-hall/",
                ] {
                    let key = try #require(OldURL.key(old))
                    #expect(try await store.redirect(for: key, now: given.now) == .article(slug: slug), "\(old)")
                }
                #expect(
                    try await store.redirect(for: "/category/محليات/ثقافة", now: given.now)
                        == .section(slug: "ثقافة"))
                #expect(try await store.redirect(for: "/?cat=7", now: given.now) == .section(slug: "زراعة"))
                #expect(try await store.redirect(for: "/tag/كتب", now: given.now) == .tag(slug: "كتب"))
                #expect(try await store.redirect(for: "/author/samira", now: given.now) == .author(slug: "samira"))
                #expect(try await store.redirect(for: "/feed/rss2", now: given.now) == .path("/feed"))
                #expect(try await store.redirect(for: "/?page_id=107", now: given.now) == .page(slug: "about"))
                let about = try #require(try await store.publishedPage(slug: "about"))
                #expect(about.title == "من نحن")
                #expect(about.inFooter)
                #expect(try await store.footerPages().map(\.slug) == ["about"])
                #expect(try await store.redirect(for: "/?p=104", now: given.now) == nil, "a draft is not revealed")
                #expect(try await store.redirect(for: "/?p=103", now: given.now) == nil, "nor a scheduled post")
                #expect(try await store.redirect(for: "/?p=999", now: given.now) == nil)
            },
            Check(name: "wordpress: a re-run updates and changes no count; the newsroom's redirect stays") {
                store, given in
                _ = try await importArabic(into: store, now: given.now)
                try await store.saveRedirect(Redirect(from: "/?p=102", target: .path("/search"), origin: "newsroom"))
                // WordPress's export has no biographies: the one the newsroom wrote stays.
                let newsroom = try #require(store as? any NewsroomStore, "every backend is a newsroom store")
                let samira = try #require(try await store.author(slug: "samira"))
                _ = try await newsroom.updateAuthor(
                    id: samira.id, name: samira.name, slug: samira.slug, bio: "محررة الثقافة")
                let first = try await counts(store, now: given.now)
                let again = try await importArabic(into: store, now: given.now)
                #expect(again.counts["articles"]?.imported == 0)
                #expect(again.counts["articles"]?.updated == 6)
                #expect(again.counts["comments"]?.imported == 0)
                #expect(again.counts["comments"]?.updated == 5)
                #expect(again.counts["sections"]?.imported == 0)
                #expect(try await counts(store, now: given.now) == first)
                #expect(try await store.redirect(for: "/?p=102", now: given.now) == .path("/search"))
                #expect(try await store.author(slug: "samira")?.bio == "محررة الثقافة")
                let listed = try await store.redirects(limit: 500, offset: 0)
                #expect(listed.total == listed.items.count)
                #expect(listed.items.contains { $0.from == "/?p=102" && $0.origin == "newsroom" })
                try await store.deleteRedirect(from: "/?p=102")
                #expect(try await store.redirect(for: "/?p=102", now: given.now) == nil)
            },
            Check(name: "wordpress: a run stopped half-way goes on where it stopped, and ends as one run would") {
                store, given in
                try await withExport { path in
                    var importer = WordPressImport(path: path)
                    importer.batchSize = 2
                    let failing = FailingImporter(store: store, failAfter: 2)
                    await #expect(throws: FailingImporter<Store>.Stopped.self) {
                        _ = try await importer.run(into: failing, now: given.now)
                    }
                    // Chunks of two items: [101, attachment 120], [attachment 121, 102] committed; [103, 104] refused.
                    #expect(try await allArticles(store).count == 2, "two chunks were committed")
                    let resumed = try await importer.run(into: store, now: given.now)
                    #expect(resumed.resumedAfter > 0)
                    #expect(resumed.resumedAfter == 4)
                    #expect(resumed.counts["articles"]?.imported == 4)
                    #expect(try await allArticles(store).count == 6)
                    let library = try #require(try await allArticles(store)["افتتاح مكتبة الحي"])
                    #expect(try await store.approvedComments(articleID: library.id).count == 2)
                    let after = try await importer.run(into: store, now: given.now)
                    #expect(after.resumedAfter == 0, "a finished run leaves no checkpoint")
                }
            },
        ]
    }

    /// What a re-run must not change.
    static func counts(_ store: Store, now: Date) async throws -> [Int] {
        var comments = 0
        for status in CommentStatus.allCases {
            comments += try await store.comments(status: status, limit: 1, offset: 0).total
        }
        return [
            try await allArticles(store).count, comments, try await store.sections().count,
            try await store.redirects(limit: 1, offset: 0).total,
        ]
    }
}

/// A store that stops after some batches, as a killed import would.
struct FailingImporter<Store: ContentStore>: WordPressImporting {
    struct Stopped: Error {}
    let store: Store
    let failAfter: Int
    let calls = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }

    func importTaxonomy(_ taxonomy: ImportedTaxonomy) async throws -> (sections: Int, authors: Int) {
        try await store.importTaxonomy(taxonomy)
    }

    func importPosts(_ posts: [ImportedPost], checkpoint: ImportCheckpoint, now: Date) async throws
        -> [ImportedPostOutcome]
    {
        guard calls.next() <= failAfter else { throw Stopped() }
        return try await store.importPosts(posts, checkpoint: checkpoint, now: now)
    }

    func importCheckpoint(key: String) async throws -> Int { try await store.importCheckpoint(key: key) }
    func clearImportCheckpoint(key: String) async throws { try await store.clearImportCheckpoint(key: key) }
    func importPages(_ pages: [ImportedPage], now: Date) async throws -> [Bool] {
        try await store.importPages(pages, now: now)
    }
    func importedMedia(externalID: String) async throws -> MediaItem? {
        try await store.importedMedia(externalID: externalID)
    }
    func addImportedMedia(_ media: NewMedia, externalID: String) async throws -> MediaItem {
        try await store.addImportedMedia(media, externalID: externalID)
    }
}
