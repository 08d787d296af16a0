import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

/// Posting comments from the article page, end to end through the real app.
@Suite("Comment flow")
struct CommentFlowTests {
    struct Setup {
        let harness: WebHarness
        let article: Article
        var path: String { "/news/" + encoded(article.slug) }
        var action: String { path + "/comments" }
    }

    static func setup(_ configure: (inout SiteSettings) throws -> Void = { _ in }) async throws -> Setup {
        let harness = try WebHarness()
        let given = harness.given
        let section = try await given.section("دولي")
        let article = try await given.article("خبر للنقاش", section: section, author: try await given.author("كاتب"))
        var settings = SiteSettings()
        try configure(&settings)
        try await harness.store.saveSettings(settings)
        return Setup(harness: harness, article: article)
    }

    /// A reader who opened the article and waited long enough to pass the minimum-time check.
    static func reader(_ client: any TestClientProtocol, _ setup: Setup) async throws -> (ReaderSession, String) {
        let reader = ReaderSession(client)
        let token = try await reader.token(for: setup.path)
        setup.harness.clock.advance(by: 5)
        return (reader, token)
    }

    static func fields(
        token: String, author: String = "سامي", email: String = "sami@example.com", url: String = "",
        comment: String = "تعليق مفيد"
    ) -> [(String, String)] {
        [
            ("author", author), ("email", email), ("url", url), ("comment", comment), ("_token", token),
            ("contact_me", ""),
        ]
    }

    @Test func aCommentIsHeldShownOnlyToItsAuthorThenApprovedAndCounted() async throws {
        let setup = try await Self.setup()
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await Self.reader(client, setup)
            let posted = try await reader.post(setup.action, Self.fields(token: token, comment: "رأيي في الخبر"))
            #expect(posted.status == .seeOther)
            let location = try #require(posted.headers[.location])
            #expect(location.hasPrefix(setup.path + "#comment-"))
            let id = try #require(Int64(location.split(separator: "-").last ?? ""))

            // The author sees it, marked as awaiting moderation; the count does not include it.
            let (_, mine) = try await reader.page(setup.path)
            let item = try #require(mine.first("//li[@id='comment-\(id)']"))
            #expect(item.classes.contains("comment-pending"))
            #expect(
                mine.first("//li[@id='comment-\(id)']//p[@class='comment-awaiting']")?.text
                    == "تعليقك بانتظار المراجعة.")
            #expect(mine.first("//*[@class='comment-count']")?.text == "(لا توجد تعليقات)")

            // Nobody else does.
            let stranger = ReaderSession(client)
            let (_, theirs) = try await stranger.page(setup.path)
            #expect(theirs.first("//li[@id='comment-\(id)']") == nil)

            // A moderator approves it; within a second everyone sees it, counted.
            _ = try await CommentModeration(store: setup.harness.store).set(.approved, ids: [id])
            setup.harness.clock.advance(by: 2)
            let (_, after) = try await stranger.page(setup.path)
            #expect(after.first("//li[@id='comment-\(id)']//div[@class='comment-body']/p")?.text == "رأيي في الخبر")
            #expect(after.first("//li[@id='comment-\(id)']")?.classes.contains("comment-pending") == false)
            #expect(after.first("//*[@class='comment-count']")?.text == "(تعليق واحد)")
            for body in reader.bodies + stranger.bodies { #expect(!body.contains("sami@example.com")) }
        }
    }

    @Test func aMissingEmailComesBackBesideItsFieldWithTheTextKept() async throws {
        let setup = try await Self.setup()
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await Self.reader(client, setup)
            let text = "نص طويل كتبه القارئ\nولا يجوز أن يضيع"
            let response = try await reader.post(setup.action, Self.fields(token: token, email: "", comment: text))
            #expect(response.status == .unprocessableContent)
            let page = HTMLDocument(String(buffer: response.body))
            #expect(
                page.first("//textarea[@name='comment']")?.text == text.split(separator: "\n").joined(separator: " "))
            #expect(page.first("//input[@name='author']")?["value"] == "سامي")
            let email = try #require(page.first("//input[@name='email']"))
            #expect(email["aria-invalid"] == "true")
            #expect(email.attributes["autofocus"] != nil)
            let describedBy = try #require(email["aria-describedby"])
            #expect(page.first("//*[@id='\(describedBy)']")?.text == "اكتب بريدك الإلكتروني؛ لن يُنشر.")
            #expect(page.count("//*[@autofocus]") == 1)
            #expect(page.all("//div[@class='error-summary']//a").map { $0["href"] } == ["#email"])
            #expect(try await setup.harness.store.comments(status: nil, limit: 10, offset: 0).total == 0)
        }
    }

    @Test func hostileInputInEveryFieldIsShownEscaped() async throws {
        let setup = try await Self.setup { try $0.set("commentPolicy", to: "open") }
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await Self.reader(client, setup)
            let posted = try await reader.post(
                setup.action,
                Self.fields(
                    token: token, author: "<img src=x onerror=alert(1)>", email: "x@example.com",
                    url: "https://example.org/?a=1&b=2",
                    comment: "<script>alert(2)</script>\n<a href=javascript:x>رابط</a>"))
            #expect(posted.status == .seeOther)
            let (_, page) = try await ReaderSession(client).page(setup.path)
            #expect(page.count("//script[not(@type='application/ld+json')]") == 1)  // the site's own
            #expect(page.count("//img") == 0)
            #expect(page.count("//*[@onerror]") == 0)
            #expect(page.first("//a[contains(@class,'comment-author')]/bdi")?.text == "<img src=x onerror=alert(1)>")
            #expect(page.first("//a[contains(@class,'comment-author')]")?["rel"] == "nofollow ugc noopener")
            #expect(page.first("//a[contains(@class,'comment-author')]")?["href"] == "https://example.org/?a=1&b=2")
            let paragraphs = page.all("//div[@class='comment-body']/p").map(\.text)
            #expect(paragraphs == ["<script>alert(2)</script>", "<a href=javascript:x>رابط</a>"])
            #expect(page.count("//div[@class='comment-body']//a") == 0)
        }
    }

    @Test func aHoneypotHitIsNeverStoredNorShown() async throws {
        let setup = try await Self.setup { try $0.set("commentPolicy", to: "open") }
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await Self.reader(client, setup)
            var fields = Self.fields(token: token, comment: "اشتر الآن")
            fields.removeLast()
            fields.append(("contact_me", "+1 555 0100"))
            let response = try await reader.post(setup.action, fields)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == setup.path + "#comments")
            #expect(try await setup.harness.store.comments(status: nil, limit: 10, offset: 0).total == 0)
            let (_, page) = try await reader.page(setup.path)
            #expect(page.count("//ol[@class='comment-list']/li") == 0)
        }
    }

    @Test func formsThatComeBackTooFastOrTooLateOrWithoutTheirCookieAreShownAgain() async throws {
        let setup = try await Self.setup()
        try await setup.harness.withClient { client async throws in
            let reader = ReaderSession(client)
            let token = try await reader.token(for: setup.path)
            let fast = try await reader.post(setup.action, Self.fields(token: token, comment: "سريع"))
            #expect(fast.status == .unprocessableContent)
            #expect(
                HTMLDocument(String(buffer: fast.body)).first("//p[@class='form-notice']")?.text.contains("بسرعة")
                    == true)

            setup.harness.clock.advance(by: 25 * 3600)
            let late = try await reader.post(setup.action, Self.fields(token: token, comment: "متأخر"))
            #expect(late.status == .unprocessableContent)
            let latePage = HTMLDocument(String(buffer: late.body))
            #expect(latePage.first("//p[@class='form-notice']")?.text.contains("انتهت صلاحية") == true)
            #expect(latePage.first("//textarea[@name='comment']")?.text == "متأخر")

            let cookieless = ReaderSession(client)
            let forged = try await cookieless.post(setup.action, Self.fields(token: token, comment: "بلا كعكة"))
            #expect(forged.status == .unprocessableContent)
            #expect(cookieless.cookies["__Host-nashra_reader"] != nil)
            #expect(try await setup.harness.store.comments(status: nil, limit: 10, offset: 0).total == 0)
        }
    }

    @Test func aPostFromAnotherSiteIsRefused() async throws {
        let setup = try await Self.setup()
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await Self.reader(client, setup)
            let response = try await reader.post(
                setup.action, Self.fields(token: token), origin: "https://evil.example")
            #expect(response.status == .forbidden)
            #expect(HTMLDocument(String(buffer: response.body)).first("//h1")?.text == "طلب مرفوض")
            #expect(try await setup.harness.store.comments(status: nil, limit: 10, offset: 0).total == 0)
        }
    }

    @Test func aBurstFromOneAddressIsThrottledWith429() async throws {
        let setup = try await Self.setup { try $0.set("commentLimitPerIP", to: "3") }
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await Self.reader(client, setup)
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: String?
            for index in 1...5 {
                let response = try await reader.post(
                    setup.action, Self.fields(token: token, email: "r\(index)@example.com", comment: "رقم \(index)"))
                statuses.append(response.status)
                if response.status == .tooManyRequests { retryAfter = response.headers[.retryAfter] }
            }
            #expect(statuses == [.seeOther, .seeOther, .seeOther, .tooManyRequests, .tooManyRequests])
            let seconds = try #require(retryAfter.flatMap { Int($0) })
            #expect((1...600).contains(seconds))
            #expect(try await setup.harness.store.comments(status: nil, limit: 10, offset: 0).total == 3)
        }
    }

    @Test func anOversizedPostGets413AndADuplicateIsNamed() async throws {
        let setup = try await Self.setup()
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await Self.reader(client, setup)
            let huge = try await reader.post(
                setup.action, Self.fields(token: token, comment: String(repeating: "ك", count: 70_000)))
            #expect(huge.status == .contentTooLarge)
            #expect(try await reader.post(setup.action, Self.fields(token: token, comment: "مرة")).status == .seeOther)
            let again = try await reader.post(setup.action, Self.fields(token: token, comment: "مرة"))
            #expect(again.status == .unprocessableContent)
            #expect(
                HTMLDocument(String(buffer: again.body)).first("//p[@class='form-notice']")?.text
                    == "يبدو أنك أرسلت هذا التعليق من قبل.")
        }
    }

    @Test func disallowedWordsGoToSpamAndItsAuthorIsToldWhatEveryoneHeldIsTold() async throws {
        let setup = try await Self.setup {
            try $0.set("commentPolicy", to: "open")
            try $0.set("disallowedWords", to: "قمار")
        }
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await Self.reader(client, setup)
            let posted = try await reader.post(setup.action, Self.fields(token: token, comment: "موقع قِمـــار رائع"))
            #expect(posted.status == .seeOther)
            let spam = try await setup.harness.store.comments(status: .spam, limit: 10, offset: 0)
            #expect(spam.total == 1)
            let (_, mine) = try await reader.page(setup.path)
            #expect(mine.first("//p[@class='comment-awaiting']") != nil)
            let (_, theirs) = try await ReaderSession(client).page(setup.path)
            #expect(theirs.count("//ol[@class='comment-list']/li") == 0)
        }
    }

    @Test func repliesNestAndSavedDetailsFillTheForm() async throws {
        let setup = try await Self.setup { try $0.set("commentPolicy", to: "open") }
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await Self.reader(client, setup)
            var fields = Self.fields(token: token, url: "example.org", comment: "أول")
            fields.append(("remember", "yes"))
            let first = try await reader.post(setup.action, fields)
            let parentID = try #require(first.headers[.location]?.split(separator: "-").last.map(String.init))
            #expect(reader.cookies["__Host-nashra_commenter"] != nil)

            let (_, replyPage) = try await reader.page(setup.path + "?reply=\(parentID)")
            #expect(replyPage.first("//input[@name='parent']")?["value"] == parentID)
            #expect(replyPage.first("//input[@name='author']")?["value"] == "سامي")
            #expect(replyPage.first("//input[@name='url']")?["value"] == "https://example.org")
            #expect(replyPage.first("//p[@class='replying-to']/bdi")?.text == "سامي")

            let replyToken = replyPage.first("//input[@name='_token']")?["value"] ?? ""
            setup.harness.clock.advance(by: 5)
            var reply = Self.fields(token: replyToken, comment: "رد")
            reply.append(("parent", parentID))
            #expect(try await reader.post(setup.action, reply).status == .seeOther)
            setup.harness.clock.advance(by: 2)
            let (_, page) = try await ReaderSession(client).page(setup.path)
            #expect(
                page.first("//li[@id='comment-\(parentID)']/ol[@class='children']/li//div[@class='comment-body']/p")?
                    .text == "رد")
            #expect(page.first("//*[@class='comment-count']")?.text == "(تعليقان)")
        }
    }

    @Test func closedArticlesHaveNoFormAndRefusePosts() async throws {
        let setup = try await Self.setup()
        let old = try await setup.harness.given.article(
            "خبر قديم", section: setup.article.section, author: setup.article.author, hoursAgo: 72)
        try await setup.harness.withClient { client async throws in
            let reader = ReaderSession(client)
            let path = "/news/" + encoded(old.slug)
            // A token from the page while comments were still open, as a cached copy would hold.
            let token = try await reader.token(for: path)
            #expect(!token.isEmpty)
            var settings = try await setup.harness.store.settings()
            try settings.set("commentCloseAfterDays", to: "1")
            try await setup.harness.store.saveSettings(settings)
            setup.harness.clock.advance(by: 5)
            let (_, page) = try await reader.page(path)
            #expect(page.first("//form[contains(@class,'comment-form')]") == nil)
            #expect(page.first("//p[@class='comments-closed']") != nil)
            #expect(try await reader.post(path + "/comments", Self.fields(token: token)).status == .forbidden)
        }
    }
}
