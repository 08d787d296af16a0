import Foundation
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

@testable import NashraWeb

/// The background maker of copies: one picture the disk or database fails for holds no other up.
@Suite("Media processor")
struct MediaProcessorTests {
    /// The SQLite store, except that recording one picture's copies fails (a database that is
    /// briefly unwritable for that row).
    struct FailingFor: MediaStore {
        let store: SQLiteStore
        let failing: Int64

        func addMedia(_ media: NewMedia) async throws -> MediaItem { try await store.addMedia(media) }
        func media(matching: String, limit: Int, offset: Int) async throws -> ResultPage<MediaItem> {
            try await store.media(matching: matching, limit: limit, offset: offset)
        }
        func media(fileName: String) async throws -> MediaItem? { try await store.media(fileName: fileName) }
        func media(id: Int64) async throws -> MediaItem? { try await store.media(id: id) }
        func media(fileNames: [String]) async throws -> [String: MediaItem] {
            try await store.media(fileNames: fileNames)
        }
        func servableMediaType(fileName: String) async throws -> String? {
            try await store.servableMediaType(fileName: fileName)
        }
        func updateMedia(id: Int64, details: MediaDetails) async throws {
            try await store.updateMedia(id: id, details: details)
        }
        func recordVariants(_ variants: [ImageVariant], state: MediaState, mediaID: Int64) async throws -> [String] {
            if mediaID == failing { throw CocoaError(.fileWriteUnknown) }
            return try await store.recordVariants(variants, state: state, mediaID: mediaID)
        }
        func mediaAwaitingVariants(limit: Int) async throws -> [MediaItem] {
            try await store.mediaAwaitingVariants(limit: limit)
        }
        func requestAllVariants() async throws -> Int { try await store.requestAllVariants() }
    }

    @Test func aPictureThatCannotBeRecordedStaysPendingAndTheNextOnesGetTheirCopies() async throws {
        let resizer = VipsResizer()
        guard resizer.isAvailable else {
            Issue.record("/usr/bin/vips is missing: apt-get install libvips-tools")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nashra-processor-" + UUID().uuidString
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore.inMemory()
        var items: [MediaItem] = []
        for (index, name) in ["firstPic", "secondPic", "thirdPic"].enumerated() {
            let bytes = try TestPictures.noise(width: 80, height: 60, format: "png", seed: index + 1)
            FileManager.default.createFile(atPath: folder + "/\(name).png", contents: Data(bytes))
            items.append(
                try await store.addMedia(
                    NewMedia(
                        fileName: "\(name).png", originalName: "\(name).png", mimeType: "image/png", width: 80,
                        height: 60, bytes: bytes.count, uploadedAt: Date(), userID: nil)))
        }
        let processor = MediaProcessor(
            store: FailingFor(store: store, failing: items[0].id), files: MediaFiles(directory: folder, shared: nil),
            resizer: resizer)
        await processor.wake()
        await processor.idle()
        #expect(try await store.media(id: items[0].id)?.state == .pending, "tried again at the next wake")
        for item in items.dropFirst() {
            #expect(try await store.media(id: item.id)?.state == .ready, "\(item.fileName)")
        }
        #expect(await processor.processed == 2)
    }
}
