import Foundation
import NashraCore
import Testing

/// Broken exports that still import sensibly: loops in parents are cut, never stored.
@Suite("WordPress mapping of broken exports")
struct WordPressMappingTests {
    static func category(_ slug: String, parent: String) -> WXRTerm {
        var term = WXRTerm()
        term.slug = slug
        term.name = slug
        term.parentSlug = parent
        return term
    }

    @Test("categories whose parents loop become sections, one of them without a parent")
    func categoryLoop() {
        var site = WordPressSite()
        site.categories = [
            Self.category("a", parent: "b"), Self.category("b", parent: "a"), Self.category("c", parent: "a"),
        ]
        let sections = WordPressMapping(site: site).taxonomy().sections
        #expect(sections.map(\.slug).sorted() == ["a", "b", "c"])
        #expect(sections.filter { $0.parentSlug == nil }.count == 1)
        // Parents come before their children.
        for (index, section) in sections.enumerated() {
            if let parent = section.parentSlug {
                #expect(sections.prefix(index).contains { $0.slug == parent }, "\(section.slug)")
            }
        }
    }

    @Test("comments that answer themselves, or each other in a loop, start threads")
    func commentLoop() {
        func comment(_ id: String, parent: String?) -> ImportedComment {
            ImportedComment(
                externalID: id, parentExternalID: parent, authorName: "x", authorEmail: "", authorURL: nil, body: id,
                status: .approved, createdAt: Date(timeIntervalSince1970: 0))
        }
        let threaded = WordPressMapping.threaded([
            comment("self", parent: "self"), comment("a", parent: "b"), comment("b", parent: "a"),
            comment("reply", parent: "root"), comment("root", parent: nil),
        ])
        let parents = Dictionary(uniqueKeysWithValues: threaded.map { ($0.externalID, $0.parentExternalID) })
        #expect(parents["self"] == .some(nil))
        #expect(parents["a"] == .some(nil) && parents["b"] == .some(nil))
        #expect(parents["reply"] == "root")
    }

    @Test("a page the newsroom could not save as it came is made savable: reserved slug, long title, order")
    func pagesFitTheEditor() throws {
        var item = WXRItem()
        item.type = "page"
        item.status = "publish"
        item.postID = 9
        item.slug = "search"
        item.title = String(repeating: "ص", count: 400)
        item.menuOrder = 5000
        item.content = "<p>نص</p>"
        let page = try #require(WordPressMapping(site: WordPressSite()).convert(item).page)
        #expect(page.slug == "search-page")
        #expect(page.title.count == PageDraft.maxTitle)
        #expect(page.position == PageDraft.positions.upperBound)
        let draft = PageDraft(
            slug: page.slug, title: page.title, bodyMarkdown: "نص", state: page.state, inFooter: page.inFooter,
            position: page.position)
        #expect(throws: Never.self) { try draft.validated() }
    }
}
