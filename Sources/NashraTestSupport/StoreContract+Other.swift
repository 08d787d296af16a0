import Foundation
import NashraCore
import Testing

/// Comments, settings, the content version, health.
enum StoreContractOther<Store: ContentStore> {
    typealias Check = StoreContract<Store>.Check

    static var checks: [Check] {
        [
            Check(name: "only approved comments are shown, oldest first; orphans are refused") { store, given in
                let section = try await given.section("دولي")
                let author = try await given.author("كاتب")
                let article = try await given.article("خبر", section: section, author: author)
                let other = try await given.article("آخر", section: section, author: author)
                func comment(
                    _ body: String, _ status: CommentStatus, minutesAgo: Double, parent: Int64? = nil,
                    on id: Int64? = nil
                )
                    async throws -> NashraCore.Comment
                {
                    try await store.addComment(
                        NewComment(
                            articleID: id ?? article.id, parentID: parent, authorName: "قارئ",
                            authorEmail: "reader@example.com",
                            body: body, status: status, createdAt: given.now.addingTimeInterval(-minutesAgo * 60)))
                }
                let second = try await comment("ثاني", .approved, minutesAgo: 5)
                let first = try await comment("أول", .approved, minutesAgo: 10)
                try await comment("معلق", .pending, minutesAgo: 1)
                try await comment("مزعج", .spam, minutesAgo: 1)
                let reply = try await comment("رد", .approved, minutesAgo: 2, parent: first.id)
                #expect(
                    try await store.approvedComments(articleID: article.id).map(\.id) == [
                        first.id, second.id, reply.id,
                    ])
                #expect(
                    try await store.approvedComments(articleID: article.id).first?.authorEmail == "reader@example.com")
                await #expect(throws: ValidationError(field: "article", problem: .notFound)) {
                    try await comment("يتيم", .approved, minutesAgo: 1, on: 9999)
                }
                await #expect(throws: ValidationError(field: "parent", problem: .notFound)) {
                    try await comment("رد على مقال آخر", .approved, minutesAgo: 1, parent: first.id, on: other.id)
                }
            },
            Check(name: "an article page's reads together are the reads one by one") { store, given in
                let world = try await given.section("دولي")
                let author = try await given.author("كاتب")
                let subject = try await given.article("الأصل", section: world, author: author, tags: ["المناخ"])
                try await given.article("وسم", section: world, author: author, tags: ["المناخ"], hoursAgo: 3)
                try await given.article("القسم", section: world, author: author, hoursAgo: 2)
                try await store.addComment(
                    NewComment(
                        articleID: subject.id, parentID: nil, authorName: "قارئ", authorEmail: "reader@example.com",
                        body: "تعليق", status: .approved, createdAt: given.now))
                let upload = try await store.addMedia(
                    NewMedia(
                        fileName: "photo.jpg", originalName: "photo.jpg", mimeType: "image/jpeg", width: 4000,
                        height: 3000, bytes: 900_000, uploadedAt: given.now, userID: nil))
                let reads = try await store.articlePage(slug: subject.slug, relatedLimit: 4, now: given.now) {
                    article, related in
                    // Names from what the store hands over: this article, with two related ones.
                    article.id == subject.id && related.count == 2 ? [upload.fileName, "absent.jpg"] : []
                }
                #expect(reads.lookup == (try await store.publishedArticle(slug: subject.slug, now: given.now)))
                #expect(
                    reads.related.map(\.id)
                        == (try await store.relatedArticles(to: subject, limit: 4, now: given.now)).map(\.id))
                #expect(reads.comments == (try await store.approvedComments(articleID: subject.id)))
                #expect(reads.comments.count == 1)
                #expect(reads.pictures == [upload.fileName: upload])

                let renamed = try await given.retitle(subject, to: "عنوان جديد")
                let moved = try await store.articlePage(slug: subject.slug, relatedLimit: 4, now: given.now) { _, _ in
                    Issue.record("no pictures are asked for a page that moved")
                    return []
                }
                #expect(moved.lookup == .moved(toSlug: renamed.slug))
                #expect(moved.related.isEmpty && moved.comments.isEmpty && moved.pictures.isEmpty)
                let missing = try await store.articlePage(slug: "لا-يوجد", relatedLimit: 4, now: given.now) { _, _ in []
                }
                #expect(missing.lookup == .notFound)
            },
            Check(name: "moderation: lookups, queues, known readers, duplicates, status changes") { store, given in
                let section = try await given.section("دولي")
                let author = try await given.author("كاتب")
                let article = try await given.article("خبر", section: section, author: author)
                func add(
                    _ body: String, _ status: CommentStatus, email: String = "Reader@Example.com", minutesAgo: Double
                )
                    async throws -> NashraCore.Comment
                {
                    try await store.addComment(
                        NewComment(
                            articleID: article.id, authorName: "قارئ", authorEmail: email, body: body, status: status,
                            createdAt: given.now.addingTimeInterval(-minutesAgo * 60)))
                }
                let old = try await add("قديم", .approved, minutesAgo: 30)
                let held = try await add("معلق", .pending, minutesAgo: 20)
                let junk = try await add("مزعج", .spam, email: "bot@example.com", minutesAgo: 10)
                #expect(try await store.comment(id: held.id) == held)
                #expect(try await store.comment(id: 9999) == nil)
                #expect(try await store.comments(ids: [junk.id, old.id, 9999]).map(\.id) == [old.id, junk.id])
                let pending = try await store.comments(status: .pending, limit: 10, offset: 0)
                #expect(pending.items.map(\.id) == [held.id])
                let all = try await store.comments(status: nil, limit: 2, offset: 0)
                #expect(all.total == 3)
                #expect(all.items.map(\.id) == [junk.id, held.id])
                #expect(try await store.hasApprovedComment(authorName: "قارئ", authorEmail: "reader@example.com"))
                #expect(try await !store.hasApprovedComment(authorName: "قارئ آخر", authorEmail: "reader@example.com"))
                #expect(try await !store.hasApprovedComment(authorName: "قارئ", authorEmail: "bot@example.com"))
                #expect(
                    try await store.isDuplicateComment(
                        articleID: article.id, authorEmail: "reader@example.com", body: "معلق"))
                #expect(
                    try await !store.isDuplicateComment(
                        articleID: article.id, authorEmail: "other@example.com", body: "معلق"))
                let before = try await store.contentVersion()
                let changed = try await store.setCommentStatus(.approved, ids: [held.id, 9999])
                #expect(changed.map(\.id) == [held.id])
                #expect(changed.first?.status == .approved)
                #expect(try await store.contentVersion() > before)
                #expect(try await store.approvedComments(articleID: article.id).map(\.id) == [old.id, held.id])
                _ = try await store.setCommentStatus(.trash, ids: [held.id])
                #expect(
                    try await !store.isDuplicateComment(
                        articleID: article.id, authorEmail: "reader@example.com", body: "معلق"))
            },
            Check(name: "a staff reply approves its parent in the same transaction, or not at all") { store, given in
                let section = try await given.section("دولي")
                let article = try await given.article("خبر", section: section, author: try await given.author("ك"))
                let held = try await store.addComment(
                    NewComment(
                        articleID: article.id, parentID: nil, authorName: "قارئ", authorEmail: "r@example.com",
                        authorURL: nil, body: "سؤال", status: .pending, createdAt: given.now))
                let reply = try await store.addReply(
                    NewComment(
                        articleID: article.id, parentID: held.id, authorName: "المحرر", authorEmail: "e@example.org",
                        authorURL: nil, body: "جواب", status: .approved, createdAt: given.now),
                    approving: held.id)
                #expect(try await store.approvedComments(articleID: article.id).map(\.id) == [held.id, reply.id])
                // A reply that cannot be stored (its article is gone) leaves its parent as it was.
                let other = try await store.addComment(
                    NewComment(
                        articleID: article.id, parentID: nil, authorName: "قارئ", authorEmail: "r2@example.com",
                        authorURL: nil, body: "سؤال آخر", status: .pending, createdAt: given.now))
                await #expect(throws: ValidationError.self) {
                    try await store.addReply(
                        NewComment(
                            articleID: 999_999, parentID: nil, authorName: "المحرر", authorEmail: "e@example.org",
                            authorURL: nil, body: "جواب", status: .approved, createdAt: given.now),
                        approving: other.id)
                }
                #expect(try await store.comment(id: other.id)?.status == .pending)
            },
            Check(name: "settings have defaults and round-trip") { store, _ in
                #expect(try await store.settings() == SiteSettings())
                var settings = SiteSettings()
                try settings.set("language", to: "en")
                try settings.set("calendar", to: "hijri")
                try settings.set("name", to: "Nashra Daily")
                try await store.saveSettings(settings)
                #expect(try await store.settings() == settings)
            },
            Check(name: "every write records the cache keys of the pages it touches") { store, given in
                let parent = try await given.section("عربي")
                let section = try await given.section("مصر", parent: parent)
                let author = try await given.author("كاتب")
                var version = try await store.contentVersion()
                func change() async throws -> Set<String> {
                    let (changes, latest) = try await store.contentChanges(after: version)
                    defer { version = latest }
                    #expect(changes.map(\.version) == [latest])
                    return changes.last?.keys ?? []
                }
                let draft = try await given.article("مسودة", section: section, author: author, status: .draft)
                #expect(try await change() == [])
                let tagged = try await given.article("خبر", section: section, author: author, tags: ["نيل"])
                let tag = try #require(tagged.tags.first)
                #expect(
                    try await change() == [
                        CacheKey.article(tagged.id), CacheKey.section(section.id), CacheKey.section(parent.id),
                        CacheKey.author(author.id), CacheKey.tag(tag.id), CacheKey.home, CacheKey.feeds,
                        CacheKey.sitemap, CacheKey.search,
                    ])
                // Moving to another section touches the old section's page and the new one's.
                let elsewhere = try await given.section("رياضة")
                #expect(try await change() == [CacheKey.everything])
                let moved = ArticleDraft(
                    id: tagged.id, slug: tagged.slug, title: tagged.title, summary: "", bodyHTML: tagged.body.markup,
                    sectionID: elsewhere.id, authorID: author.id, tagNames: [], status: .published,
                    publishedAt: tagged.publishedAt)
                _ = try await store.saveArticle(try moved.validated(), now: given.now)
                let movedKeys = try await change()
                #expect(movedKeys.isSuperset(of: [CacheKey.section(section.id), CacheKey.section(elsewhere.id)]))
                #expect(movedKeys.contains(CacheKey.tag(tag.id)))
                let held = try await store.addComment(
                    NewComment(
                        articleID: tagged.id, parentID: nil, authorName: "قارئ", authorEmail: "r@example.com",
                        authorURL: nil, body: "رأي", status: .pending, createdAt: given.now))
                #expect(try await change() == [])
                _ = try await store.setCommentStatus(.approved, ids: [held.id])
                #expect(try await change() == [CacheKey.article(tagged.id)])
                try await store.saveSettings(SiteSettings(name: "اسم"))
                #expect(try await change() == [CacheKey.everything])
                // Several writes come back in order; nothing is reported for a version already read.
                _ = try await given.retitle(draft, to: "مسودة ثانية")
                _ = try await given.retitle(tagged, to: "خبر معدل")
                let (changes, latest) = try await store.contentChanges(after: version)
                #expect(changes.map(\.version) == [version + 1, version + 2])
                #expect(changes.first?.keys == [])
                #expect(changes.last?.keys.contains(CacheKey.article(tagged.id)) == true)
                #expect(try await store.contentChanges(after: latest).changes.isEmpty)
            },
            Check(name: "every write moves the content version") { store, given in
                var last = try await store.contentVersion()
                func moved() async throws -> Bool {
                    let now = try await store.contentVersion()
                    defer { last = now }
                    return now > last
                }
                let section = try await given.section("دولي")
                #expect(try await moved())
                let author = try await given.author("كاتب")
                #expect(try await moved())
                let article = try await given.article("خبر", section: section, author: author)
                #expect(try await moved())
                try await store.addComment(
                    NewComment(
                        articleID: article.id, authorName: "ق", authorEmail: "q@example.com", body: "ت",
                        createdAt: given.now))
                #expect(try await moved())
                try await store.saveSettings(SiteSettings(name: "اسم"))
                #expect(try await moved())
                _ = try await store.articles(ArticleQuery(limit: 5), now: given.now)
                #expect(try await !moved())
                try await store.ping()
            },
        ]
    }
}
