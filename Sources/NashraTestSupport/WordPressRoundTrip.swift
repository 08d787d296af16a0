import Foundation
import NashraCore
import Testing

/// Our export read back by our importer into an empty site, compared field by field. Each backend
/// runs it with two stores of its own.
public enum WordPressRoundTrip<Store: ContentStore & NewsroomStore> {
    /// Fills `source` with a bit of everything, exports it, imports the file into `target` (empty),
    /// and checks that nothing was lost.
    public static func check(from source: Store, into target: Store, now: Date) async throws {
        let given = Fixtures(store: source, now: now)
        let world = try await given.section("عالم")
        let europe = try await source.createSection(
            NewSection(name: "أوروبا", description: "أخبار القارة", parentID: world.id))
        let samira = try await given.author(
            "سميرة الخطيب", bio: "تغطي شؤون أوروبا منذ عشر سنوات.\nتكتب من بروكسل & باريس <أحياناً>.")
        let yousef = try await given.author("Yousef Haddad")
        let lead = try await given.article(
            "قمة أوروبية في بروكسل", section: europe, author: samira, tags: ["قمة", "بروكسل"], hoursAgo: 3,
            breaking: true, body: "<p>اجتمع القادة.</p><blockquote><p>قال: «نحن معاً».</p></blockquote>",
            summary: "القادة يجتمعون", source: SourceCredit(name: "وكالة الأنباء", url: "https://agency.example/1"))
        let draft = ArticleDraft(
            title: "مسودة بالماركداون", summary: "", bodyHTML: "<p>نص <strong>مهم</strong></p>", sectionID: world.id,
            authorID: yousef.id, tagNames: ["تحليل"], cover: CoverImage(url: "/media/cover.jpg", alt: "صورة الغلاف"),
            status: .draft, commentsOpen: false, bodyMarkdown: "نص **مهم**", isPinned: true,
            seo: SEOFields(title: "ماركداون: دليل المحرر", description: "كيف تكتب خبراً بالماركداون"))
        _ = try await source.saveArticle(try draft.validated(), now: now)
        _ = try await given.article(
            "Scheduled story", section: world, author: yousef, hoursAgo: -48, status: .scheduled)
        _ = try await given.article("خبر في السلة", section: world, author: samira, status: .trash)
        _ = try await given.article("Pending piece", section: europe, author: yousef, status: .pending)
        let first = try await source.addComment(
            NewComment(
                articleID: lead.id, authorName: "ليلى", authorEmail: "laila@mail.example",
                authorURL: "https://laila.example", body: "تعليق أول\nبسطرين", status: .approved,
                createdAt: now.addingTimeInterval(-3600)))
        _ = try await source.addComment(
            NewComment(
                articleID: lead.id, parentID: first.id, authorName: "كريم", authorEmail: "karim@mail.example",
                body: "رد على التعليق", status: .approved, createdAt: now.addingTimeInterval(-1800)))
        for (status, text) in [(CommentStatus.pending, "ينتظر"), (.spam, "مزعج ]]> <b>"), (.trash, "محذوف")] {
            _ = try await source.addComment(
                NewComment(
                    articleID: lead.id, authorName: "زائر", authorEmail: "v@mail.example", body: text, status: status,
                    createdAt: now.addingTimeInterval(-600)))
        }

        let sanitizer = HTMLSanitizer()
        _ = try await source.importPages(
            [
                ImportedPage(
                    externalID: "manual:1", line: 0, slug: "من-نحن", title: "من نحن",
                    body: sanitizer.sanitize("<p>صحيفة الحي.</p>"), state: .published, inFooter: true, position: 2,
                    oldKeys: []),
                ImportedPage(
                    externalID: "manual:2", line: 0, slug: "draft-page", title: "Draft page",
                    body: sanitizer.sanitize("<p>Later.</p>"), state: .draft, inFooter: false, position: 0, oldKeys: []),
            ], now: now)
        // A page the newsroom wrote in Markdown keeps its Markdown.
        _ = try await source.savePage(
            try PageDraft(
                title: "سياسة الخصوصية", bodyMarkdown: "## بياناتك\n\nلا ننشر **بريدك** أبداً.", state: .published,
                inFooter: true, position: 5
            ).validated(), now: now)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nashra-roundtrip-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A picture with everything the library keeps about it, its file in the data folder's media/.
        let media = folder.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        let picture = try TestPictures.noise(width: 64, height: 48, format: "jpg")
        try Data(picture).write(to: media.appendingPathComponent("harbourPhoto.jpg"))
        let details = MediaDetails(
            alt: "مرفأ عند الفجر", caption: "سفن الصيد تعود إلى المرفأ", credit: "تصوير: نادر سليم",
            focus: FocalPoint(x: 0.3, y: 0.75))
        _ = try await source.addMedia(
            NewMedia(
                fileName: "harbourPhoto.jpg", originalName: "المرفأ.jpg", mimeType: "image/jpeg", width: 64,
                height: 48, bytes: picture.count, uploadedAt: now, userID: nil, details: details))
        let file = folder.appendingPathComponent("export.xml").path
        let summary = try await WordPressExport(baseURL: "https://news.example").run(from: source, to: file)
        #expect(summary.articles == 5)
        #expect(summary.comments == 5)
        #expect(summary.attachments == 1)
        var importer = WordPressImport(path: file)
        importer.uploads = media.path
        let report = try await importer.run(into: target, now: now)
        #expect(report.counts["attachments"]?.imported == 1)
        let imported = try await target.media(limit: 5, offset: 0).items
        #expect(imported.map(\.originalName) == ["المرفأ.jpg"])
        #expect(imported.first?.details == details)
        #expect(report.skipped.isEmpty, "\(report.skipped)")
        #expect(report.counts["articles"]?.imported == 5)
        #expect(report.counts["comments"]?.imported == 5)
        #expect(report.counts["pages"]?.imported == 3)
        func pageKey(_ pages: [StaticPage]) -> Set<[String]> {
            Set(
                pages.map {
                    [
                        $0.slug, $0.title, $0.body.markup, $0.state.rawValue, String($0.inFooter),
                        String($0.position), $0.bodyMarkdown ?? "",
                    ]
                })
        }
        #expect(pageKey(try await target.allPages()) == pageKey(try await source.allPages()))

        // Sections and bylines.
        func sectionKey(_ sections: [Section]) -> Set<[String]> {
            let bySlug = Dictionary(sections.map { ($0.id, $0.slug) }, uniquingKeysWith: { first, _ in first })
            return Set(sections.map { [$0.slug, $0.name, $0.description, $0.parentID.flatMap { bySlug[$0] } ?? ""] })
        }
        #expect(sectionKey(try await target.sections()) == sectionKey(try await source.sections()))
        #expect(
            Set(try await target.allAuthors().map { [$0.slug, $0.name, $0.bio] })
                == Set(try await source.allAuthors().map { [$0.slug, $0.name, $0.bio] }))
        #expect(try await target.allPages().contains { $0.bodyMarkdown?.hasPrefix("## بياناتك") == true })
        #expect(try await target.allAuthors().contains { $0.bio.hasSuffix("<أحياناً>.") })

        // Articles, field by field, matched by slug.
        let before = try await articles(in: source)
        let after = try await articles(in: target)
        #expect(Set(after.keys) == Set(before.keys))
        for (slug, old) in before {
            guard let new = after[slug] else { continue }
            #expect(new.title == old.title, "\(slug)")
            #expect(new.summary == old.summary, "\(slug)")
            #expect(new.body == old.body, "\(slug)")
            #expect(new.status == old.status, "\(slug)")
            #expect(new.publishedAt.map(seconds) == old.publishedAt.map(seconds), "\(slug)")
            #expect(new.section.slug == old.section.slug, "\(slug)")
            #expect(new.author.slug == old.author.slug, "\(slug)")
            #expect(new.tags.map(\.name) == old.tags.map(\.name), "\(slug)")
            #expect(new.source == old.source, "\(slug)")
            #expect(new.cover == old.cover, "\(slug)")
            #expect(new.isBreaking == old.isBreaking, "\(slug)")
            #expect(new.isPinned == old.isPinned, "\(slug)")
            #expect(new.commentsOpen == old.commentsOpen, "\(slug)")
            #expect(new.bodyMarkdown == old.bodyMarkdown, "\(slug)")
            #expect(new.seo == old.seo, "\(slug)")
            let oldComments = try await comments(of: old, in: source)
            let newComments = try await comments(of: new, in: target)
            #expect(newComments == oldComments, "\(slug)")
        }
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    static func articles(in store: Store) async throws -> [String: Article] {
        var result: [String: Article] = [:]
        var after: Int64 = 0
        while true {
            let ids = try await store.articleIDs(after: after, limit: 100)
            guard let last = ids.last else { break }
            after = last
            for id in ids { if let article = try await store.article(id: id) { result[article.slug] = article } }
        }
        return result
    }

    /// A comment as a reader and a moderator know it: everything but its id, with its parent's text.
    static func comments(of article: Article, in store: Store) async throws -> [[String]] {
        let all = try await store.allComments(articleID: article.id)
        let bodies = Dictionary(all.map { ($0.id, $0.body) }, uniquingKeysWith: { first, _ in first })
        return all.map { comment in
            [
                comment.authorName, comment.authorEmail, comment.authorURL ?? "", comment.body, comment.status.rawValue,
                String(seconds(comment.createdAt)), comment.parentID.flatMap { bodies[$0] } ?? "",
            ]
        }
    }
}
