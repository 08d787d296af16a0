import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

/// Writing, publishing, the workflow's roles, revisions, trash, autosave and moderation.
@Suite("Newsroom editorial work")
struct NewsroomEditorialTests {
    @Test func anAdminMadeByTheCLIWritesAndPublishesAndTheSiteShowsIt() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin, name: "هالة")
        let section = try await harness.given.section("اقتصاد")
        try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            let (editor, form) = try await admin.browser.page("/admin/articles/new")
            #expect(editor.status == .ok)
            #expect(form.first("//form[@id='article-form']//textarea[@id='body']") != nil)
            #expect(form.count("//select[@id='status']/option[@value='published']") == 1)

            let saved = try await admin.post(
                "/admin/articles", NewsroomSession.article(title: "ميناء جديد على البحر الأحمر", section: section.id))
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location.hasSuffix("/edit?saved=1"))
            let (_, edited) = try await admin.browser.page(location)
            #expect(edited.first("//p[@class='flash']") != nil)

            let article = try #require(try await harness.store.adminArticles(AdminArticleQuery()).items.first)
            #expect(article.status == .published)
            let path = "/news/" + encoded(article.slug)
            for listing in ["/", "/section/" + encoded(section.slug)] {
                let (_, page) = try await ReaderSession(client).page(listing)
                #expect(page.first("//main//a[@href='\(path)']") != nil, "\(listing) links the new article")
            }
            let (_, articlePage) = try await ReaderSession(client).page(path)
            #expect(articlePage.first("//h1")?.text == "ميناء جديد على البحر الأحمر")
            #expect(
                articlePage.first("//div[contains(@class,'article-body')]//strong")?.text == "مهمة", "Markdown rendered"
            )
            #expect(articlePage.first("//a[@rel='author']")?.text == "هالة", "the admin's byline")
            let log = try await harness.store.auditLog(limit: 10, offset: 0).items
            #expect(log.contains { $0.action == .articlePublished && $0.actorName == "هالة" })
        }
    }

    @Test func aContributorCannotPublishButCanSubmitForReview() async throws {
        let harness = try WebHarness()
        let contributor = try await harness.user("c@example.org", role: .contributor)
        let section = try await harness.given.section("رياضة")
        let other = try await harness.given.article(
            "مقال زميل", section: section, author: try await harness.given.author("زميل"))
        try await harness.withClient { client async throws in
            let session = NewsroomSession(client)
            try await session.signIn("c@example.org")
            let (_, form) = try await session.browser.page("/admin/articles/new")
            let offered = form.all("//select[@id='status']/option").map { $0["value"] ?? "" }
            #expect(offered == ["draft", "pending"])
            #expect(form.first("//select[@id='author']") == nil, "contributors write under their own name")

            let refused = try await session.post(
                "/admin/articles", NewsroomSession.article(title: "محاولة نشر", section: section.id))
            #expect(refused.status == .unprocessableContent)
            let page = HTMLDocument(String(buffer: refused.body))
            let status = try #require(page.first("//select[@id='status']"))
            #expect(status["aria-invalid"] == "true")
            #expect(
                page.first("//p[@id='\(status["aria-describedby"] ?? "")']")?.text
                    == "لا تملك صلاحية النشر؛ اختر «بانتظار المراجعة» ليراجعه محرر.")
            #expect(page.first("//input[@id='title']")?["value"] == "محاولة نشر", "the form keeps what was typed")

            let submitted = try await session.post(
                "/admin/articles",
                NewsroomSession.article(
                    title: "للمراجعة", section: section.id, status: "pending",
                    extra: [("author", String(other.author.id))]))
            #expect(submitted.status == .seeOther)
            let pending = try await harness.store.adminArticles(AdminArticleQuery(status: .pending)).items
            #expect(pending.map(\.title) == ["للمراجعة"])
            #expect(pending.first?.authorID == contributor.authorID, "the byline cannot be forged")
            // Someone else's article is not theirs to open or change.
            #expect(try await session.browser.get("/admin/articles/\(other.id)/edit").status == .forbidden)
            #expect(try await session.post("/admin/articles/\(other.id)/trash", []).status == .forbidden)
            #expect(try await session.browser.get("/admin/users").status == .forbidden)
            // Their article list holds their own work only, whatever the filter asks.
            let (_, list) = try await session.browser.page("/admin/articles?author=\(other.author.id)")
            #expect(list.all("//a[@class='edit-link']").map(\.text) == ["للمراجعة"])
            #expect(list.first("//select[@id='filter-author']") == nil)
        }
    }

    @Test func everySaveIsARevisionAndARevisionRestores() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        let section = try await harness.given.section("ثقافة")
        try await harness.withClient { client async throws in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            let first = try await editor.post(
                "/admin/articles",
                NewsroomSession.article(title: "معرض الكتاب", section: section.id, body: "السطر الأول\n\nالسطر الأصلي"))
            let editPath = try #require(first.headers[.location]).replacingOccurrences(of: "?saved=1", with: "")
            let id = try #require(Int64(editPath.split(separator: "/")[2]))
            _ = try await editor.post(
                "/admin/articles/\(id)",
                NewsroomSession.article(
                    title: "معرض الكتاب", section: section.id, body: "السطر الأول\n\nسطر معدّل",
                    extra: [("autosave_key", "article-\(id)")]))
            let revisions = try await harness.store.revisions(articleID: id)
            #expect(revisions.count == 2)

            let (_, page) = try await editor.browser.page("/admin/articles/\(id)/revisions")
            // Each changed line is a row of its own, marked for screen readers with + or −.
            #expect(page.all("//table[@class='diff']//tr[@class='removed']/td").map(\.text) == ["−السطر الأصلي"])
            #expect(page.all("//table[@class='diff']//tr[@class='added']/td").map(\.text) == ["+سطر معدّل"])

            let oldest = try #require(revisions.last)
            let restored = try await editor.post("/admin/articles/\(id)/revisions/\(oldest.id)/restore", [])
            #expect(restored.status == .seeOther)
            let article = try #require(try await harness.store.article(id: id))
            #expect(article.bodyMarkdown == "السطر الأول\n\nالسطر الأصلي")
            #expect(HTMLDocument(article.body.markup).all("//p").map(\.text) == ["السطر الأول", "السطر الأصلي"])
            #expect(try await harness.store.revisions(articleID: id).count == 3, "restoring is itself a revision")
        }
    }

    @Test func trashHidesAnArticleAndRestoreBringsItBackAsADraft() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        let section = try await harness.given.section("علوم")
        let article = try await harness.given.article(
            "اكتشاف فلكي", section: section, author: try await harness.given.author("كاتب"))
        try await harness.withClient { client async throws in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            let path = "/news/" + encoded(article.slug)
            #expect(try await client.get(path).status == .ok)
            #expect(try await editor.post("/admin/articles/\(article.id)/trash", []).status == .seeOther)
            #expect(try await client.get(path).status == .notFound)
            let (_, trash) = try await editor.browser.page("/admin/articles?status=trash")
            #expect(trash.first("//table[@class='article-table']//a[@class='edit-link']")?.text == "اكتشاف فلكي")
            let (_, list) = try await editor.browser.page("/admin/articles")
            #expect(list.first("//a[@class='edit-link']") == nil, "the trash is not in the main list")

            // A trashed article opens read-only and cannot be saved until restored.
            let (_, trashed) = try await editor.browser.page("/admin/articles/\(article.id)/edit")
            #expect(trashed.first("//button[@id='save']") == nil)
            let save = try await editor.post(
                "/admin/articles/\(article.id)", NewsroomSession.article(title: "تعديل", section: section.id))
            #expect(save.status == .conflict)
            #expect(try await editor.post("/admin/articles/\(article.id)/unpublish", []).status == .conflict)

            #expect(try await editor.post("/admin/articles/\(article.id)/restore", []).status == .seeOther)
            #expect(try await harness.store.article(id: article.id)?.status == .draft)
            // A stale Restore button does nothing to an article that is not in the trash.
            #expect(try await editor.post("/admin/articles/\(article.id)/restore", []).status == .conflict)
            let actions = try await harness.store.auditLog(limit: 10, offset: 0).items.map(\.action)
            #expect(actions.contains(.articleTrashed) && actions.contains(.articleRestored))
        }
    }

    @Test func anAutosaveIsOfferedAndRestoredAfterTheTabCloses() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .author)
        let section = try await harness.given.section("محليات")
        try await harness.withClient { client async throws in
            let author = NewsroomSession(client)
            try await author.signIn("a@example.org")
            let saved = try await author.post(
                "/admin/autosave",
                NewsroomSession.article(title: "مسودة لم تحفظ", section: section.id, status: "draft")
                    .filter { $0.0 != "autosave_key" } + [("autosave_key", "new-tab1")])
            #expect(saved.status == .noContent)
            let (_, offered) = try await author.browser.page("/admin/articles/new?key=new-tab1")
            let link = try #require(offered.first("//a[@id='restore-autosave']")?["href"])
            let (_, restored) = try await author.browser.page(link)
            #expect(restored.first("//input[@id='title']")?["value"] == "مسودة لم تحفظ")
            #expect(restored.first("//input[@name='autosave_key']")?["value"] == "new-tab1")
        }
    }

    @Test func moderatorsApproveInBulkAndReply() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor, name: "المحرر")
        let section = try await harness.given.section("دولي")
        let article = try await harness.given.article(
            "قمة إقليمية", section: section, author: try await harness.given.author("كاتب"))
        var ids: [Int64] = []
        for text in ["تعليق أول", "تعليق ثان"] {
            ids.append(
                try await harness.store.addComment(
                    NewComment(
                        articleID: article.id, authorName: "قارئ", authorEmail: "r@example.com", body: text,
                        status: .pending, createdAt: harness.clock.now)
                ).id)
        }
        let commentIDs = ids
        try await harness.withClient { client async throws in
            let ids = commentIDs
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            let (_, queue) = try await editor.browser.page("/admin/comments")
            #expect(queue.count("//tr[@class='comment-row']") == 2)
            let approved = try await editor.post(
                "/admin/comments", [("action", "approved"), ("from", "pending")] + ids.map { ("ids", String($0)) })
            #expect(approved.status == .seeOther)
            let (_, articlePage) = try await ReaderSession(client).page("/news/" + encoded(article.slug))
            let texts = articlePage.all("//section[@id='comments']//li//p").map(\.text)
            #expect(texts.contains("تعليق أول") && texts.contains("تعليق ثان"))

            let reply = try await editor.post("/admin/comments/\(ids[0])/reply", [("body", "شكرًا لملاحظتك")])
            #expect(reply.status == .seeOther)
            let answers = try await harness.store.approvedComments(articleID: article.id).filter {
                $0.parentID == ids[0]
            }
            #expect(answers.map(\.authorName) == ["المحرر"])
        }
    }

    @Test func previewsAreSanitizedAndUnpublishedWorkIsPreviewedPrivately() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        let section = try await harness.given.section("تقنية")
        try await harness.withClient { client async throws in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            let live = try await editor.post(
                "/admin/preview", [("body", "**مهم** <script>alert(1)</script> [رابط](javascript:alert(1))")])
            #expect(live.status == .ok)
            let fragment = HTMLDocument(String(buffer: live.body))
            #expect(fragment.first("//strong")?.text == "مهم")
            #expect(fragment.count("//script") == 0)
            #expect(fragment.all("//a").allSatisfy { ($0["href"] ?? "").hasPrefix("javascript") == false })

            // A cover without its alternative text is refused beside the field.
            let noAlt = try await editor.post(
                "/admin/articles",
                NewsroomSession.article(
                    title: "مسودة بصورة", section: section.id, status: "draft",
                    extra: [("cover_url", "/media/abcdefgh.png")]))
            #expect(noAlt.status == .unprocessableContent)
            let form = HTMLDocument(String(buffer: noAlt.body))
            #expect(form.first("//input[@id='cover_alt']")?["aria-invalid"] == "true")

            let saved = try await editor.post(
                "/admin/articles", NewsroomSession.article(title: "مسودة سرية", section: section.id, status: "draft"))
            let id = try #require(saved.headers[.location]?.split(separator: "/").dropFirst(2).first)
            let article = try #require(try await harness.store.article(id: Int64(String(id))!))
            #expect(try await client.get("/news/" + encoded(article.slug)).status == .notFound)
            let (preview, page) = try await editor.browser.page("/admin/articles/\(article.id)/preview")
            #expect(preview.status == .ok)
            #expect(preview.headers[.cacheControl] == "private, no-store")
            #expect(page.first("//p[@class='preview-banner']") != nil)
            #expect(page.first("//meta[@name='robots']")?["content"] == "noindex, follow")
            #expect(page.first("//h1")?.text == "مسودة سرية")
            #expect(try await ReaderSession(client).get("/admin/articles/\(article.id)/preview").status == .seeOther)
        }
    }

    @Test func publishedWithATimeToComeIsScheduledAndParallelGuessesAreCounted() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        let section = try await harness.given.section("دولي")
        try await harness.withClient { client async throws in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            // The fixed clock reads 2026-03-15 09:00 UTC; the site's zone is UTC.
            let saved = try await editor.post(
                "/admin/articles",
                NewsroomSession.article(title: "غدًا", section: section.id).filter { $0.0 != "published_at" }
                    + [("published_at", "2026-03-16T08:30")])
            #expect(saved.status == .seeOther)
            let row = try #require(try await harness.store.adminArticles(AdminArticleQuery()).items.first)
            #expect(row.status == .scheduled)
            #expect(row.publishedAt == harness.clock.now.addingTimeInterval(23.5 * 3600))

            // Ten wrong guesses at once: no more than five are ever checked.
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await NewsroomSession(client).signIn("e@example.org", password: "wrong-password-x").status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unprocessableContent }.count <= 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 5)
            let failures = try await harness.store.auditLog(limit: 50, offset: 0).items.filter {
                $0.action == .signInFailed
            }
            #expect(failures.count <= 5)
        }
    }

    @Test func aRefusedReplyComesBackWithItsText() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        var settings = SiteSettings()
        try settings.set("commentMaxLength", to: "100")
        try await harness.store.saveSettings(settings)
        let section = try await harness.given.section("دولي")
        let article = try await harness.given.article(
            "خبر", section: section, author: try await harness.given.author("كاتب"))
        let comment = try await harness.store.addComment(
            NewComment(
                articleID: article.id, authorName: "قارئ", authorEmail: "r@example.com", body: "سؤال",
                status: .pending, createdAt: harness.clock.now))
        try await harness.withClient { client async throws in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            let long = String(repeating: "ر", count: 101)
            let refused = try await editor.post("/admin/comments/\(comment.id)/reply", [("body", long)])
            #expect(refused.status == .unprocessableContent)
            let page = HTMLDocument(String(buffer: refused.body))
            let box = try #require(page.first("//textarea[@id='reply-\(comment.id)']"))
            #expect(box.text == long)
            #expect(box["aria-invalid"] == "true")
            #expect(page.first("//details[@open]") != nil)
            #expect(try await harness.store.comment(id: comment.id)?.status == .pending, "nothing changed")
        }
    }
}
