import Foundation
import NashraCore
import NashraTestSupport
import Testing

/// What one export holds, counted independently (Python's `xml.etree`, namespace by URI) when the
/// table was written.
struct ExpectedExport: Sendable, CustomStringConvertible {
    var file: String
    var authors: Int
    var terms: Int
    var items: [String: Int]
    var comments: Int
    var description: String { file }
}

@Suite("WXR reader")
struct WXRReaderTests {
    static let fixtures = "wordpress-importer-wxr-fixtures/"

    static let wellFormed: [ExpectedExport] = [
        .init(
            file: fixtures + "a11y-unit-test-data.xml", authors: 0, terms: 93,
            items: ["": 1, "attachment": 39, "nav_menu_item": 50, "page": 17, "post": 47], comments: 29),
        .init(file: fixtures + "authors-multiline.xml", authors: 3, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "backslashes.xml", authors: 0, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "blank-lines.xml", authors: 0, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "cdata-edge.xml", authors: 0, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "chunked-meta.xml", authors: 0, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "crazy-cdata-escaped.xml", authors: 0, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "large-authors.xml", authors: 300, terms: 0, items: [:], comments: 0),
        .init(file: fixtures + "missing-tags.xml", authors: 0, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "multiple-cdata.xml", authors: 0, terms: 0, items: ["post": 1], comments: 0),
        .init(
            file: fixtures + "namespace-edge-cases.xml", authors: 2, terms: 2, items: ["": 1, "post": 5], comments: 0),
        .init(file: fixtures + "post-content-blank-lines.xml", authors: 1, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "slashes.xml", authors: 1, terms: 2, items: ["post": 1], comments: 1),
        .init(file: fixtures + "small-export.xml", authors: 3, terms: 33, items: ["page": 5, "post": 6], comments: 1),
        .init(file: fixtures + "term-formats.xml", authors: 0, terms: 7, items: [:], comments: 0),
        .init(file: fixtures + "term-meta.xml", authors: 0, terms: 1, items: [:], comments: 0),
        .init(
            file: fixtures + "test-serialized-comment-meta.xml", authors: 0, terms: 0, items: ["post": 1], comments: 1),
        .init(
            file: fixtures + "test-serialized-postmeta-no-cdata.xml", authors: 0, terms: 0, items: ["post": 1],
            comments: 0),
        .init(
            file: fixtures + "test-serialized-postmeta-with-cdata.xml", authors: 0, terms: 0, items: ["post": 1],
            comments: 0),
        .init(file: fixtures + "test-serialized-term-meta.xml", authors: 0, terms: 3, items: ["post": 1], comments: 0),
        .init(file: fixtures + "test-utw-post-meta-import.xml", authors: 0, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "valid-wxr-1.0.xml", authors: 0, terms: 9, items: ["page": 3, "post": 3], comments: 1),
        .init(file: fixtures + "valid-wxr-1.1.xml", authors: 1, terms: 3, items: ["page": 1, "post": 1], comments: 1),
        .init(
            file: fixtures + "wxr-flat-attachment-different-site.xml", authors: 1, terms: 0,
            items: ["attachment": 1, "post": 1], comments: 0),
        .init(
            file: fixtures + "wxr-flat-attachment-same-site.xml", authors: 1, terms: 0,
            items: ["attachment": 1, "post": 1], comments: 0),
        .init(file: fixtures + "wxr-simple.xml", authors: 1, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "wxr-utf-8-challenges.xml", authors: 1, terms: 0, items: ["post": 1], comments: 0),
        .init(file: fixtures + "wxr-with-sub-data.xml", authors: 0, terms: 1, items: ["post": 1], comments: 1),
        .init(
            file: "wordpress-theme-test-data/64-block-test-data.xml", authors: 2, terms: 24,
            items: ["attachment": 9, "page": 1, "post": 61, "wp_navigation": 1], comments: 2),
        .init(
            file: "wordpress-theme-test-data/themeunittestdata.wordpress.xml", authors: 2, terms: 185,
            items: ["attachment": 37, "nav_menu_item": 70, "page": 21, "post": 58], comments: 33),
    ]

    @Test("every well-formed fixture reads with its counts", arguments: wellFormed)
    func readsWithItsCounts(_ expected: ExpectedExport) throws {
        let reader = try WXRReader(path: try SharedData.file(expected.file).path)
        var authors = 0
        var terms = 0
        var items: [String: Int] = [:]
        var comments = 0
        while let entry = try reader.next() {
            switch entry {
            case .author: authors += 1
            case .term: terms += 1
            case .item(let item):
                items[item.type, default: 0] += 1
                comments += item.comments.count
            }
        }
        #expect(authors == expected.authors)
        #expect(terms == expected.terms)
        #expect(items == expected.items)
        #expect(comments == expected.comments)
        _ = try WordPressImport(path: try SharedData.file(expected.file).path).scan()
    }

    /// The broken fixtures, each with the line where a strict parser stops (or the version fault).
    static let refused: [(file: String, line: Int, message: String)] = [
        ("malformed.xml", 90, "mismatch"),
        ("malformed-simple.xml", 13, "inside <item> from line 9"),  // its last line: the file stops inside <item>
        ("crazy-cdata.xml", 18, "]]>"),
        ("invalid-version-tag.xml", 0, "\"abc\""),
        ("missing-version-tag.xml", 0, "no <wp:wxr_version>"),
    ]

    @Test("a broken export is refused with its line, before anything is imported", arguments: refused)
    func refusesBrokenExports(_ case: (file: String, line: Int, message: String)) throws {
        let path = try SharedData.file(Self.fixtures + `case`.file).path
        let error = #expect(throws: WXRError.self) { try WordPressImport(path: path).scan() }
        if `case`.line > 0 { #expect(error?.line == `case`.line, "\(String(describing: error))") }
        #expect(error.map { $0.line > 0 } == true)
        // libxml2's own wording may change with its version; ours (the version, the open item) is pinned.
        #expect(error.map { !$0.message.isEmpty } == true)
        if !`case`.message.isEmpty {
            #expect(
                error?.message.lowercased().contains(`case`.message.lowercased()) == true,
                "\(String(describing: error))")
        }
    }

    @Test("namespaces count by URI: a wp prefix bound elsewhere is ignored, an inner declaration is honoured")
    func namespacesByURI() throws {
        let reader = try WXRReader(path: try SharedData.file(Self.fixtures + "namespace-edge-cases.xml").path)
        var logins: [String] = []
        var items: [WXRItem] = []
        while let entry = try reader.next() {
            if case .author(let author) = entry { logins.append(author.login) }
            if case .item(let item) = entry { items.append(item) }
        }
        #expect(logins == ["real_user", "version_conflict"])
        let mixed = try #require(items.first { $0.title == "Mixed Namespaces" })
        #expect(mixed.postID == 1)
        #expect(mixed.meta.map(\.key) == ["normal_key"])
        #expect(items.first { $0.title == "No Prefix" }?.postID == 2)
    }

    @Test("an author's biography is read from our namespace only")
    func authorBiography() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:n="\(WXRNamespace.nashra)"
              xmlns:other="https://plugin.example/ns/">
            <channel><wp:wxr_version>1.2</wp:wxr_version>
            <wp:author><wp:author_login>samira</wp:author_login><n:author_bio><![CDATA[تكتب عن المدينة & أهلها]]></n:author_bio></wp:author>
            <wp:author><wp:author_login>karim</wp:author_login><other:author_bio>not ours</other:author_bio></wp:author>
            <wp:author><wp:author_login>laila</wp:author_login></wp:author>
            </channel></rss>
            """
        let reader = try WXRReader(path: try WordPressFixtures.write(xml, in: folder))
        var bios: [String: String?] = [:]
        while let entry = try reader.next() {
            if case .author(let author) = entry { bios[author.login] = author.bio }
        }
        #expect(bios == ["samira": "تكتب عن المدينة & أهلها", "karim": nil, "laila": nil])
    }

    @Test("our Arabic export: fields, meta, terms and comments in file order")
    func arabicExportFields() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reader = try WXRReader(path: try WordPressFixtures.write(WordPressFixtures.arabicExport, in: folder))
        var entries: [WXREntry] = []
        while let entry = try reader.next() { entries.append(entry) }
        #expect(reader.channel.title == "أخبار الحي")
        #expect(reader.channel.version == "1.2")
        let items = entries.compactMap { if case .item(let item) = $0 { item } else { nil } }
        let library = try #require(items.first)
        #expect(library.postID == 101)
        #expect(library.title == "افتتاح مكتبة الحي")
        #expect(library.isSticky)
        #expect(library.meta("_yoast_wpseo_primary_category") == "6")
        #expect(library.terms.map(\.domain) == ["category", "category", "post_tag"])
        #expect(library.comments.map(\.id) == [201, 202, 203, 204, 205, 206])
        #expect(library.comments[1].parentID == 201)
        #expect(library.comments.map(\.approved) == ["1", "1", "0", "spam", "trash", "1"])
        #expect(library.line == 19)
        let categories = entries.compactMap { if case .term(let term) = $0 { term } else { nil } }
        #expect(categories.first { $0.name == "ثقافة" }?.parentSlug == "%d9%85%d8%ad%d9%84%d9%8a%d8%a7%d8%aa")
    }

    static let entityHeader = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [
         <!ENTITY a "aaaaaaaaaa">
         <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
         <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
         <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
         <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
         <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
         <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
         <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
         <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
         <!ENTITY secret SYSTEM "file:///etc/passwd">
        ]>
        <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><wp:wxr_version>1.2</wp:wxr_version>

        """

    static func hostile(_ item: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-wxr-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try WordPressFixtures.write(Self.entityHeader + item + "\n</channel></rss>\n", in: folder)
    }

    @Test("an entity bomb is refused with its line; an external entity is never read")
    func hostileEntities() throws {
        let bomb = try Self.hostile("<item><title>&i;</title><wp:post_id>1</wp:post_id></item>")
        defer { try? FileManager.default.removeItem(atPath: (bomb as NSString).deletingLastPathComponent) }
        let error = #expect(throws: WXRError.self) { try WordPressImport(path: bomb).scan() }
        #expect(error?.line == 16, "the item's line")
        let external = try Self.hostile(
            "<item><title>x</title><wp:post_id>1</wp:post_id><content:encoded>[&secret;]</content:encoded></item>")
        defer { try? FileManager.default.removeItem(atPath: (external as NSString).deletingLastPathComponent) }
        let reader = try WXRReader(path: external)
        var content: String?
        while let entry = try reader.next() { if case .item(let item) = entry { content = item.content } }
        #expect(content == "[]", "the file's text stays out of the export")
    }
}
