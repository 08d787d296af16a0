import Foundation
import NashraCore
import NashraSQLite
import Testing

extension RealBinaryTests {
    /// `nashra seed-demo` stores the demo photographs as pending uploads and `nashra media
    /// regenerate` makes their copies with Debian's libvips, as the built binary does them.
    @Suite("nashra media regenerate")
    struct MediaCommandTests {
        @Test func demoPhotosGetTheirCopiesFromTheCommandLine() async throws {
            let binary = try RealBinaryTests.binary()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "nashra-media-cli-" + UUID().uuidString
            )
            .path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let seeded = try DurabilityTests.run(binary, ["seed-demo", "--data", folder])
            #expect(seeded.contains("photos: 8"), "\(seeded)")
            do {
                let store = try SQLiteStore(directory: folder)
                #expect(try await store.mediaAwaitingVariants(limit: 20).count == 8)
            }

            let made = try DurabilityTests.run(binary, ["media", "regenerate", "--data", folder])
            #expect(made.contains("pictures to make again: 8"), "\(made)")
            #expect(made.contains("pictures: 8, ready: 8, refused: 0"), "\(made)")
            let store = try SQLiteStore(directory: folder)
            let items = try await store.media(limit: 20, offset: 0).items
            #expect(items.count == 8 && items.allSatisfy { $0.state == .ready })
            for item in items {
                #expect(item.widths(.webp).count >= 4, "\(item.originalName): \(item.variants.map(\.fileName))")
                #expect(item.social != nil)
                for variant in item.variants {
                    #expect(FileManager.default.fileExists(atPath: folder + "/media/" + variant.fileName))
                }
            }

            // Only what is missing: nothing, so nothing is made again.
            let again = try DurabilityTests.run(binary, ["media", "regenerate", "--pending-only", "--data", folder])
            #expect(!again.contains("to make again"), "\(again)")
            #expect(again.contains("pictures: 8, ready: 8, refused: 0"), "\(again)")
        }
    }
}
