import Foundation
import NashraCore
import NashraDemo
import NashraPostgres
import NashraSQLite
import NashraTestSupport
import Testing

/// `nashra migrate-data`'s copy: a SQLite site with every kind of row moves into PostgreSQL with its
/// ids, reads the same there, and a second run changes nothing.
@Suite("SQLite to PostgreSQL")
struct DataTransferTests {
    @Test func aWholeSiteMovesAndASecondRunChangesNothing() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-move-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let media = folder.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        let sqlite = try SQLiteStore(path: folder.appendingPathComponent("nashra.sqlite").path)
        let now = Date(timeIntervalSince1970: 1_790_000_000.25)
        _ = try await DemoContent.seed(into: sqlite, now: now)

        // What the demo lacks: a newsroom user and their work, a moved slug, settings, media, audit.
        let editor = try await sqlite.createUser(
            NewUser(email: "editor@example.org", name: "محررة", role: .editor, passwordHash: "$2b$12$hash"), now: now)
        let first = try #require(try await sqlite.adminArticles(AdminArticleQuery(limit: 1)).items.first)
        let article = try #require(try await sqlite.article(id: first.id))
        let title = "عنوان جديد بعد التحرير"
        let draft = ArticleDraft(
            id: article.id, slug: Slug.make(from: title), title: title, summary: article.summary,
            bodyHTML: article.body.markup, sectionID: article.section.id, authorID: article.author.id,
            tagNames: article.tags.map(\.name), source: article.source, cover: article.cover,
            isBreaking: article.isBreaking, status: article.status, publishedAt: article.publishedAt,
            commentsOpen: article.commentsOpen)
        let edited = try await sqlite.saveArticle(try draft.validated(), now: now, editor: editor)
        try await sqlite.createSession(
            UserSession(tokenHash: "abc", userID: editor.id, createdAt: now, lastSeenAt: now, address: "127.0.0.1"))
        try await sqlite.record(
            AuditEntry(at: now, action: .userCreated, userID: editor.id, actorName: "cli", target: editor.email))
        var settings = try await sqlite.settings()
        settings.commentLimitPerIP = 3
        try await sqlite.saveSettings(settings)
        let picture: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]
        try Data(picture).write(to: media.appendingPathComponent("abcdefghij.png"))
        _ = try await sqlite.addMedia(
            NewMedia(
                fileName: "abcdefghij.png", originalName: "صورة.png", mimeType: "image/png", width: 1, height: 1,
                bytes: picture.count, uploadedAt: now, userID: editor.id))
        let parent = try #require(try await sqlite.comments(status: .approved, limit: 1, offset: 0).items.first)
        let reply = try await sqlite.addComment(
            NewComment(
                articleID: parent.articleID, parentID: parent.id, authorName: "قارئ", authorEmail: "r@example.org",
                body: "رد على التعليق", status: .approved, createdAt: now))

        let target = try await PostgresStore(
            url: try PostgresURL(try await PostgresTestCluster.shared.freshDatabaseURL("transfer")))
        defer { target.close() }
        let source = SQLiteTransferSource(store: sqlite, mediaDirectory: media.path)
        let report = try await DataTransfer.copy(from: source, to: target, sessions: true, batch: 7)
        #expect(report.mismatches.isEmpty)
        #expect(report.tables.allSatisfy { $0.source == $0.target }, "\(report.tables)")
        #expect(report.tables.first { $0.table == "revisions" }?.source == 1)
        #expect(report.mediaFiles == 1)

        // The same site on the other side.
        #expect(try await target.article(id: edited.id) == edited)
        #expect(try await target.publishedArticle(slug: article.slug, now: now) == .moved(toSlug: edited.slug))
        #expect(try await target.comment(id: reply.id) == reply)
        #expect(try await target.user(email: "editor@example.org")?.id == editor.id)
        #expect(try await target.session(tokenHash: "abc")?.1.id == editor.id)
        #expect(try await target.settings().commentLimitPerIP == 3)
        #expect(try await target.mediaBytes(fileName: "abcdefghij.png") == picture)
        #expect(try await target.revisions(articleID: edited.id).count == 1)
        let found = try await target.search(SearchQuery("التحرير"), limit: 5, offset: 0, now: now)
        #expect(found.items.map(\.article.id).contains(edited.id))
        #expect(
            try await target.adminArticles(AdminArticleQuery(text: "عنوان جديد")).items.map(\.id) == [edited.id],
            "the admin title key was derived")

        // A second run changes nothing; new rows take ids after the copied ones.
        let again = try await DataTransfer.copy(from: source, to: target, sessions: true)
        #expect(again.tables == report.tables)
        let section = try await target.createSection(NewSection(name: "قسم بعد النقل"))
        let maxSection = try await sqlite.sections().map(\.id).max() ?? 0
        #expect(section.id > maxSection)
    }
}
