import Foundation
import NashraCore
import Testing

/// What every backend must do with pictures: details, copies, states, search and paging.
public enum MediaContract<Store: ContentStore & NewsroomStore> {
    public typealias Check = StoreContract<Store>.Check

    static func upload(_ name: String, original: String, in store: Store, now: Date) async throws -> MediaItem {
        try await store.addMedia(
            NewMedia(
                fileName: name, originalName: original, mimeType: "image/jpeg", width: 4000, height: 3000,
                bytes: 900_000, uploadedAt: now, userID: nil))
    }

    static func copies(of base: String, hash: String) -> [ImageVariant] {
        [1280, 640].flatMap { width in
            [ImageFormat.webp, .jpeg].map { format in
                ImageVariant(
                    purpose: .width, format: format, width: width, height: width * 3 / 4,
                    fileName: "\(base)-\(width)-\(hash).\(format.fileExtension)", bytes: width * 20)
            }
        }
            + ImageVariantPlan.crops.map { crop in
                ImageVariant(
                    purpose: crop.purpose, format: .jpeg, width: crop.width, height: crop.height,
                    fileName: "\(base)-\(crop.purpose.rawValue)-\(hash).jpg", bytes: 50_000)
            }
    }

    public static var checks: [Check] {
        [
            Check(name: "pictures: pending at upload, copies recorded in one step, refused ones never served") {
                store, given in
                let item = try await upload("photoAAAA.jpg", original: "الميناء.jpg", in: store, now: given.now)
                #expect(item.state == .pending && item.variants.isEmpty && item.details == MediaDetails())
                #expect(try await store.mediaAwaitingVariants(limit: 5).map(\.id) == [item.id])
                #expect(try await store.servableMediaType(fileName: "photoAAAA.jpg") == "image/jpeg")

                let section = try await given.section("محليات")
                let author = try await given.author("سلمى")
                let covered = try await given.article(
                    "غلاف", section: section, author: author, cover: CoverImage(url: item.path, alt: "ميناء"))
                let inBody = try await given.article(
                    "في النص", section: section, author: author,
                    body: "<figure><img src=\"\(item.path)\" alt=\"ميناء\"></figure><p>نص.</p>")
                let elsewhere = try await given.article("بلا صورة", section: section, author: author)
                let before = try await store.contentVersion()
                let first = copies(of: "photoAAAA", hash: "aaaaaaaaaaaa")
                #expect(try await store.recordVariants(first, state: .ready, mediaID: item.id).isEmpty)
                let changes = try await store.contentChanges(after: before).changes
                // Only the pages showing the picture are built again (lists carry their articles' keys).
                #expect(
                    Set(changes.flatMap(\.keys))
                        == [CacheKey.article(covered.id), CacheKey.article(inBody.id)])
                #expect(!changes.flatMap(\.keys).contains(CacheKey.article(elsewhere.id)))
                let ready = try #require(try await store.media(id: item.id))
                #expect(ready.state == .ready)
                #expect(Set(ready.variants) == Set(first))
                #expect(ready.widths(.webp).map(\.width) == [640, 1280])
                #expect(ready.social?.fileName == "photoAAAA-social-aaaaaaaaaaaa.jpg")
                #expect(ready.searchCrops.map(\.purpose) == [.wide, .standard, .square])
                #expect(try await store.mediaAwaitingVariants(limit: 5).isEmpty)
                #expect(try await store.servableMediaType(fileName: "photoAAAA-640-aaaaaaaaaaaa.webp") == "image/webp")
                #expect(try await store.servableMediaType(fileName: "photoAAAA-640-bbbbbbbbbbbb.webp") == nil)

                // Made again (new bytes, new names): the old names come back for removal.
                let second = copies(of: "photoAAAA", hash: "cccccccccccc")
                let replaced = try await store.recordVariants(second, state: .ready, mediaID: item.id)
                #expect(Set(replaced) == Set(first.map(\.fileName)))
                #expect(try await store.servableMediaType(fileName: first[0].fileName) == nil)

                // Refused by libvips: neither the original nor a copy is served.
                _ = try await store.recordVariants([], state: .failed, mediaID: item.id)
                #expect(try await store.servableMediaType(fileName: "photoAAAA.jpg") == nil)
                #expect(try await store.media(id: item.id)?.state == .failed)
                await #expect(throws: ValidationError(field: "media", problem: .notFound)) {
                    try await store.recordVariants([], state: .ready, mediaID: item.id + 100)
                }
            },
            Check(name: "pictures: alt, caption, credit and focal point kept; found by file names") { store, given in
                let item = try await upload("photoBBBB.jpg", original: "a.jpg", in: store, now: given.now)
                let other = try await upload("photoCCCC.jpg", original: "b.jpg", in: store, now: given.now)
                _ = try await store.recordVariants(
                    copies(of: "photoBBBB", hash: "dddddddddddd"), state: .ready, mediaID: item.id)
                let details = MediaDetails(
                    alt: "سفن في الميناء عند الغروب", caption: "الميناء صباح الإضراب", credit: "سلمى حداد / نشرة",
                    focus: FocalPoint(x: 0.25, y: 0.7))
                let before = try await store.contentVersion()
                try await store.updateMedia(id: item.id, details: details)
                #expect(try await store.contentVersion() > before, "captions show under covers")
                let found = try await store.media(fileNames: ["photoBBBB.jpg", "photoCCCC.jpg", "missing.jpg"])
                #expect(Set(found.keys) == ["photoBBBB.jpg", "photoCCCC.jpg"])
                #expect(found["photoBBBB.jpg"]?.details == details)
                #expect(found["photoBBBB.jpg"]?.state == .pending, "a new focal point needs a new crop")
                _ = try await store.recordVariants(
                    copies(of: "photoBBBB", hash: "eeeeeeeeeeee"), state: .ready, mediaID: item.id)
                var captioned = details
                captioned.caption = "تعليق آخر"
                try await store.updateMedia(id: item.id, details: captioned)
                #expect(try await store.media(id: item.id)?.state == .ready, "the same focal point keeps the crop")
                #expect(found["photoBBBB.jpg"]?.variants.count == copies(of: "photoBBBB", hash: "e").count)
                #expect(found["photoCCCC.jpg"]?.id == other.id)
                #expect(try await store.media(fileNames: []).isEmpty)
                await #expect(throws: ValidationError(field: "media", problem: .notFound)) {
                    try await store.updateMedia(id: other.id + 100, details: details)
                }
                #expect(try await store.requestAllVariants() == 2)
                #expect(Set(try await store.mediaAwaitingVariants(limit: 5).map(\.id)) == [item.id, other.id])
                #expect(
                    try await store.media(id: item.id)?.variants.count == copies(of: "photoBBBB", hash: "e").count,
                    "copies stay until new ones come")
            },
            Check(name: "pictures: the library is searched in names, alt, caption and credit, newest first, paged") {
                store, given in
                var ids: [Int64] = []
                for index in 0..<25 {
                    let item = try await upload(
                        "photo\(String(format: "%04d", index)).jpg", original: "صورة-\(index).jpg", in: store,
                        now: given.now)
                    ids.append(item.id)
                }
                try await store.updateMedia(
                    id: ids[3], details: MediaDetails(alt: "مظاهرة في الساحة", caption: "", credit: "Reuters"))
                try await store.updateMedia(id: ids[7], details: MediaDetails(caption: "ساحة الشهداء"))
                let page = try await store.media(matching: "", limit: 10, offset: 10)
                #expect(page.total == 25)
                #expect(page.items.map(\.id) == Array(ids.reversed()[10..<20]))
                #expect(try await store.media(matching: "الساحة", limit: 10, offset: 0).items.map(\.id) == [ids[3]])
                #expect(
                    Set(try await store.media(matching: "ساحة", limit: 10, offset: 0).items.map(\.id)) == [
                        ids[3], ids[7],
                    ])
                #expect(try await store.media(matching: "reuters", limit: 10, offset: 0).items.map(\.id) == [ids[3]])
                #expect(try await store.media(matching: "صورة-12", limit: 10, offset: 0).total == 1)
                // What is typed is text, never a pattern.
                #expect(try await store.media(matching: "%", limit: 10, offset: 0).total == 0)
                #expect(try await store.media(matching: "_", limit: 10, offset: 0).total == 0)
            },
        ]
    }
}
