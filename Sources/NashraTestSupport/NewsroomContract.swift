import Foundation
import NashraCore
import Testing

/// The behaviour every ``NewsroomStore`` backend must show, beside ``StoreContract``.
public enum NewsroomContract<Store: ContentStore & NewsroomStore> {
    public typealias Check = StoreContract<Store>.Check

    public static var checks: [Check] {
        [
            Check(name: "users: unique emails without case, a byline each, role changes end sessions") { store, given in
                let user = try await store.createUser(
                    NewUser(email: "Salma@Example.org", name: "سلمى", role: .editor, passwordHash: "h"), now: given.now)
                #expect(try await store.userCount() == 1)
                #expect(try await store.user(email: "salma@example.ORG")?.id == user.id)
                #expect(try await store.allAuthors().map(\.name) == ["سلمى"], "a byline profile was made")
                await #expect(throws: ValidationError(field: "email", problem: .duplicate)) {
                    try await store.createUser(
                        NewUser(email: "salma@example.org", name: "أخرى", role: .author, passwordHash: "h"),
                        now: given.now)
                }
                let session = UserSession(
                    tokenHash: "abc", userID: user.id, createdAt: given.now, lastSeenAt: given.now, address: "1.2.3.4")
                try await store.createSession(session)
                #expect(try await store.session(tokenHash: "abc")?.1.id == user.id)
                _ = try await store.updateUser(id: user.id, name: "سلمى", role: .author, isActive: true)
                #expect(try await store.session(tokenHash: "abc") == nil, "a new role needs a new sign-in")
                try await store.createSession(session)
                try await store.setPasswordHash(userID: user.id, hash: "h2")
                #expect(try await store.session(tokenHash: "abc") == nil, "a new password signs everyone out")
                #expect(try await store.user(id: user.id)?.passwordHash == "h2")
            },
            Check(name: "sessions: touched, expired by idleness, deleted; inactive users have none") { store, given in
                let user = try await store.createUser(
                    NewUser(email: "a@example.org", name: "أ", role: .admin, passwordHash: "h"), now: given.now)
                for (hash, age) in [("old", 7200.0), ("new", 60.0)] {
                    try await store.createSession(
                        UserSession(
                            tokenHash: hash, userID: user.id, createdAt: given.now.addingTimeInterval(-age),
                            lastSeenAt: given.now.addingTimeInterval(-age), address: ""))
                }
                try await store.touchSession(tokenHash: "new", at: given.now)
                #expect(try await store.session(tokenHash: "new")?.0.lastSeenAt == given.now)
                try await store.deleteSessions(idleBefore: given.now.addingTimeInterval(-3600))
                #expect(try await store.session(tokenHash: "old") == nil)
                #expect(try await store.session(tokenHash: "new") != nil)
                _ = try await store.updateUser(id: user.id, name: "أ", role: .admin, isActive: false)
                #expect(try await store.session(tokenHash: "new") == nil)
            },
            Check(name: "audit: newest first, failed sign-ins counted per email and per address") { store, given in
                for (email, address, minutesAgo) in [
                    ("a@x.org", "1.1.1.1", 1.0), ("A@x.org", "2.2.2.2", 2), ("b@x.org", "1.1.1.1", 30),
                ] {
                    try await store.record(
                        AuditEntry(
                            at: given.now.addingTimeInterval(-minutesAgo * 60), action: .signInFailed, userID: nil,
                            actorName: "", target: email, address: address))
                }
                let since = given.now.addingTimeInterval(-15 * 60)
                let record = try await store.signInRecord(
                    email: "a@x.org", address: "1.1.1.1", since: since, knownSince: given.now.addingTimeInterval(-3600))
                #expect(record == SignInRecord(pair: 1, account: 2, address: 1, addressKnown: false))
                try await store.record(
                    AuditEntry(
                        at: given.now.addingTimeInterval(-50 * 60), action: .signIn, userID: nil, actorName: "",
                        target: "A@X.org", address: "1.1.1.1"))
                let known = try await store.signInRecord(
                    email: "a@x.org", address: "1.1.1.1", since: since, knownSince: given.now.addingTimeInterval(-3600))
                #expect(known.addressKnown)
                let elsewhere = try await store.signInRecord(
                    email: "a@x.org", address: "2.2.2.2", since: since, knownSince: given.now.addingTimeInterval(-3600))
                #expect(!elsewhere.addressKnown)
                let recent = try await store.failedSignIns(email: "a@x.org", since: since, limit: 10)
                #expect(recent.map(\.address) == ["2.2.2.2", "1.1.1.1"], "by insertion, newest first")
                let log = try await store.auditLog(limit: 2, offset: 0)
                #expect(log.total == 4)
                #expect(log.items.map(\.target) == ["A@X.org", "b@x.org"], "by insertion, newest first")
            },
            Check(name: "editorial saves keep revisions; status changes move the search index") { store, given in
                let editor = try await store.createUser(
                    NewUser(email: "e@example.org", name: "محرر", role: .editor, passwordHash: "h"), now: given.now)
                let section = try await given.section("دولي")
                var draft = ArticleDraft(
                    title: "مفاوضات المناخ", bodyHTML: "", sectionID: section.id, authorID: editor.authorID,
                    status: .published, publishedAt: given.now.addingTimeInterval(-60), bodyMarkdown: "نص **أول**")
                draft.bodyHTML = MarkdownRenderer().render(draft.bodyMarkdown!).markup
                let saved = try await store.saveArticle(try draft.validated(), now: given.now, editor: editor)
                draft.id = saved.id
                draft.bodyMarkdown = "نص ثان"
                _ = try await store.saveArticle(try draft.validated(), now: given.now, editor: editor)
                let revisions = try await store.revisions(articleID: saved.id)
                #expect(revisions.map(\.bodyMarkdown) == ["نص ثان", "نص **أول**"])
                #expect(revisions.allSatisfy { $0.userName == "محرر" })
                #expect(try await store.revision(id: revisions[1].id)?.title == "مفاوضات المناخ")
                #expect(try await store.article(id: saved.id)?.bodyMarkdown == "نص ثان")

                let query = SearchQuery("المناخ")
                #expect(try await store.search(query, limit: 5, offset: 0, now: given.now).total == 1)
                let trashed = try await store.setArticleStatus(id: saved.id, status: .trash, now: given.now)
                #expect(trashed.status == .trash)
                #expect(try await store.search(query, limit: 5, offset: 0, now: given.now).total == 0)
                #expect(try await store.adminArticles(AdminArticleQuery()).total == 0, "the trash is apart")
                #expect(try await store.adminArticles(AdminArticleQuery(status: .trash)).total == 1)
                _ = try await store.setArticleStatus(id: saved.id, status: .published, now: given.now)
                #expect(try await store.search(query, limit: 5, offset: 0, now: given.now).total == 1)
                #expect(try await store.adminArticles(AdminArticleQuery(status: .published)).total == 1)
            },
            Check(name: "search: suggestions for unknown words, a full reindex, comment counts") { store, given in
                let section = try await given.section("تقنية")
                let author = try await given.author("كاتب")
                let article = try await given.article("مايكروسوفت تطلق منصة سحابية", section: section, author: author)
                _ = try await given.article("شركات التقنية الناشئة", section: section, author: author)
                _ = try await given.article("مسودة عن مايكروسوفت", section: section, author: author, status: .draft)
                #expect(try await store.suggestions(for: SearchQuery("مايكرسوفت")) == ["مايكرسوفت": "مايكروسوفت"])
                #expect(try await store.suggestions(for: SearchQuery("مايكروسوفت")).isEmpty, "a known word")
                #expect(try await store.suggestions(for: SearchQuery("زلزال")).isEmpty, "nothing close")
                #expect(try await store.reindex() == 2, "published articles only")
                let found = try await store.search(SearchQuery("منصة سحابية"), limit: 5, offset: 0, now: given.now)
                #expect(found.items.map(\.article.id) == [article.id])
                #expect(try await store.commentCounts().values.reduce(0, +) == 0)
                for status in [CommentStatus.pending, .pending, .approved, .spam] {
                    _ = try await store.addComment(
                        NewComment(
                            articleID: article.id, authorName: "قارئ", authorEmail: "r@example.org", body: "تعليق",
                            status: status, createdAt: given.now))
                }
                let counts = try await store.commentCounts()
                #expect(counts[.pending] == 2 && counts[.approved] == 1 && counts[.spam] == 1)
            },
            Check(name: "scheduled articles publish when due, once, and join the search index") { store, given in
                let section = try await given.section("دولي")
                let author = try await given.author("كاتب")
                let soon = try await given.article(
                    "قمة الغد", section: section, author: author, hoursAgo: -1, status: .scheduled)
                let later = try await given.article(
                    "قمة بعد غد", section: section, author: author, hoursAgo: -30, status: .scheduled)
                #expect(try await store.publishDue(now: given.now).isEmpty)
                let inTwoHours = given.now.addingTimeInterval(2 * 3600)
                #expect(try await store.publishDue(now: inTwoHours) == [soon.id])
                #expect(try await store.publishDue(now: inTwoHours).isEmpty, "only once")
                #expect(try await store.article(id: soon.id)?.status == .published)
                #expect(try await store.article(id: later.id)?.status == .scheduled)
                let found = try await store.search(SearchQuery("قمة"), limit: 5, offset: 0, now: inTwoHours)
                #expect(found.items.map(\.article.id) == [soon.id])
            },
            Check(name: "admin lists filter by status, section, author and title words") { store, given in
                let world = try await given.section("دولي")
                let sport = try await given.section("رياضة")
                let one = try await given.author("أ")
                let two = try await given.author("ب")
                let first = try await given.article("انتخابات 100% نزيهة", section: world, author: one)
                #expect(try await store.articleTitles(ids: [first.id, 999]) == [first.id: "انتخابات 100% نزيهة"])
                try await given.article("مسودة رياضية", section: sport, author: two, status: .draft)
                try await given.article("للمراجعة", section: sport, author: one, status: .pending)
                #expect(try await store.adminArticles(AdminArticleQuery()).total == 3)
                #expect(
                    try await store.adminArticles(AdminArticleQuery(status: .draft)).items.map(\.title) == [
                        "مسودة رياضية"
                    ])
                #expect(try await store.adminArticles(AdminArticleQuery(sectionID: sport.id)).total == 2)
                #expect(try await store.adminArticles(AdminArticleQuery(authorID: one.id)).total == 2)
                #expect(try await store.adminArticles(AdminArticleQuery(text: "100%")).total == 1, "% is literal")
                #expect(try await store.adminArticles(AdminArticleQuery(text: "رياض")).total == 1)
                // Arabic-normalized on both sides: hamza forms, alef maqsura, taa marbuta, tashkeel.
                let prices = try await given.article("الأسعار ترتفع في مدينة الإسكندرية", section: world, author: one)
                for typed in ["الاسعار", "مدينه", "الإِسكندرية", "ترتفع في"] {
                    #expect(
                        try await store.adminArticles(AdminArticleQuery(text: typed)).items.map(\.id) == [prices.id],
                        "\(typed)")
                }
                let edited = try await given.retitle(prices, to: "أسعار النفط")
                #expect(
                    try await store.adminArticles(AdminArticleQuery(text: "اسعار النفط")).items.map(\.id) == [edited.id]
                )
                #expect(
                    try await store.adminArticles(AdminArticleQuery(text: "الاسكندرية")).total == 0,
                    "the old title is gone")
            },
            Check(name: "taxonomy edits: section loops refused, tags renamed and deleted, authors renamed") {
                store, given in
                let parent = try await given.section("دولي")
                let child = try await given.section("آسيا", parent: parent)
                await #expect(throws: ValidationError(field: "parent", problem: .invalid)) {
                    try await store.updateSection(
                        id: parent.id, NewSection(slug: parent.slug, name: "دولي", parentID: child.id))
                }
                let author = try await given.author("كاتب")
                try await given.article("خبر", section: parent, author: author, tags: ["طاقة", "نفط"])
                let usage = try await store.tagUsage(limit: 10, offset: 0)
                #expect(usage.items.map(\.articles) == [1, 1])
                let energy = try #require(usage.items.first { $0.tag.name == "طاقة" }?.tag)
                _ = try await store.renameTag(id: energy.id, name: "الطاقة", slug: "الطاقة")
                #expect(try await store.tagNames().contains("الطاقة"))
                try await store.deleteTag(id: energy.id)
                #expect(try await store.tagNames() == ["نفط"])
                let renamed = try await store.updateAuthor(id: author.id, name: "كاتبة", slug: "katiba", bio: "نبذة")
                #expect(try await store.author(slug: "katiba") == renamed)
            },
            Check(name: "renaming a tag or an author reaches the search index; a re-import keeps the trash") {
                store, given in
                let section = try await given.section("دولي")
                let author = try await given.author("كاتب")
                let article = try await given.article("خبر عن الطاقة", section: section, author: author, tags: ["طاقه"])
                let tag = try #require(article.tags.first)
                _ = try await store.renameTag(id: tag.id, name: "نفط", slug: "نفط")
                #expect(try await store.search(SearchQuery("نفط"), limit: 5, offset: 0, now: given.now).total == 1)
                _ = try await store.updateAuthor(id: author.id, name: "زيد الزيدي", slug: "zaid", bio: "")
                #expect(try await store.search(SearchQuery("الزيدي"), limit: 5, offset: 0, now: given.now).total == 1)

                let line = Data(
                    #"{"id": "ext-9", "title": "خبر مستورد", "text": "نص مستورد", "date": "2026-03-14"}"#.utf8)
                let imported = try ImportLine.parse(line, number: 1, dates: ImportDates())
                guard case .created(let id) = try await store.importArticles([imported], now: given.now).first else {
                    Issue.record("the import created nothing")
                    return
                }
                _ = try await store.setArticleStatus(id: id, status: .trash, now: given.now)
                var again = imported
                again.title = "خبر مستورد معدل"
                _ = try await store.importArticles([again], now: given.now)
                let kept = try #require(try await store.article(id: id))
                #expect(kept.title == "خبر مستورد معدل")
                #expect(kept.status == .trash, "a re-run never undoes the newsroom")
                #expect(try await store.search(SearchQuery("مستورد"), limit: 5, offset: 0, now: given.now).total == 0)
            },
            Check(name: "autosaves are per user and key; media records round-trip") { store, given in
                let user = try await store.createUser(
                    NewUser(email: "a@example.org", name: "أ", role: .author, passwordHash: "h"), now: given.now)
                try await store.saveAutosave(
                    userID: user.id, Autosave(key: "new-1", fields: ["title": "عنوان"], savedAt: given.now))
                try await store.saveAutosave(
                    userID: user.id, Autosave(key: "new-1", fields: ["title": "عنوان أحدث"], savedAt: given.now))
                #expect(try await store.autosave(userID: user.id, key: "new-1")?.fields["title"] == "عنوان أحدث")
                #expect(try await store.autosave(userID: user.id + 1, key: "new-1") == nil)
                try await store.saveAutosave(
                    userID: user.id,
                    Autosave(key: "new-2", fields: ["title": "أحدث"], savedAt: given.now.addingTimeInterval(60)))
                #expect(try await store.latestAutosave(userID: user.id, prefix: "new-")?.key == "new-2")
                try await store.deleteAutosave(userID: user.id, key: "new-1")
                #expect(try await store.autosave(userID: user.id, key: "new-1") == nil)
                try await store.deleteAutosaves(savedBefore: given.now.addingTimeInterval(61))
                #expect(try await store.latestAutosave(userID: user.id, prefix: "new-") == nil)
                let item = try await store.addMedia(
                    NewMedia(
                        fileName: "abcdefgh.png", originalName: "صورة.png", mimeType: "image/png", width: 2,
                        height: 3, bytes: 40, uploadedAt: given.now, userID: user.id))
                #expect(try await store.media(fileName: "abcdefgh.png") == item)
                #expect(try await store.media(limit: 5, offset: 0).items == [item])
            },
            Check(name: "pages from the newsroom: Markdown kept, slugs unique, a public page's old address redirects") {
                store, given in
                let about = try await store.savePage(
                    try PageDraft(title: "من نحن", bodyMarkdown: "نحن **صحيفة**.", state: .published, inFooter: true)
                        .validated(), now: given.now)
                #expect(about.slug == "من-نحن" && about.bodyMarkdown == "نحن **صحيفة**.")
                #expect(HTMLDocument(about.body.markup).first("//p/strong")?.text == "صحيفة")
                #expect(try await store.footerPages().map(\.id) == [about.id])
                let twin = try await store.savePage(
                    try PageDraft(title: "من نحن", bodyMarkdown: "نسخة").validated(), now: given.now)
                #expect(twin.slug == "من-نحن-2" && twin.state == .draft)
                let before = try await store.contentVersion()
                let renamed = try await store.savePage(
                    try PageDraft(
                        id: about.id, slug: "عن-الصحيفة", title: "عن الصحيفة", bodyMarkdown: "نص", state: .published,
                        inFooter: true, position: 3
                    ).validated(), now: given.now)
                #expect(renamed.id == about.id && renamed.slug == "عن-الصحيفة" && renamed.position == 3)
                #expect(try await store.contentVersion() > before, "the footer is on every page")
                #expect(
                    try await store.redirect(for: OldURL.key(path: "/من-نحن", query: ""), now: given.now)
                        == .page(slug: "عن-الصحيفة"))
                // A draft's address was never public: renaming it leaves no redirect.
                _ = try await store.savePage(
                    try PageDraft(id: twin.id, slug: "مسودة", title: "مسودة", bodyMarkdown: "").validated(),
                    now: given.now)
                #expect(try await store.redirect(for: OldURL.key(path: "/من-نحن-2", query: ""), now: given.now) == nil)
                #expect(try await store.page(id: twin.id)?.slug == "مسودة")
                await #expect(throws: ValidationError(field: "id", problem: .notFound)) {
                    try await store.savePage(
                        try PageDraft(id: twin.id + 100, title: "x", bodyMarkdown: "").validated(), now: given.now)
                }
            },
        ] + MediaContract<Store>.checks
    }
}
