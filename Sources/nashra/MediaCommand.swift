import ArgumentParser
import Foundation
import Logging
import NashraCore
import NashraWeb

/// `nashra media`: the pictures' resized copies.
struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media", abstract: "Pictures: make their resized copies again.",
        subcommands: [Regenerate.self], defaultSubcommand: Regenerate.self)

    struct Regenerate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Make every picture's copies again (older uploads, imports, a new libvips), or only the pending ones."
        )
        @OptionGroup var options: DataOptions
        @Flag(help: "Only pictures whose copies were never made (new uploads, imports).") var pendingOnly = false

        func run() async throws {
            let resizer = VipsResizer()
            guard resizer.isAvailable else {
                throw ValidationError("libvips is not installed: apt-get install libvips-tools")
            }
            let backend = try await options.openBackend()
            defer { backend.close() }
            let store = backend.store
            let folder = (try options.settings().dataDirectory(options.data) as NSString).appendingPathComponent(
                "media")
            if !pendingOnly {
                print("pictures to make again: \(try await store.requestAllVariants())")
            }
            var logger = Logger(label: "nashra.media")
            logger.logLevel = .warning
            let processor = MediaProcessor(
                store: store, files: MediaFiles(directory: folder, shared: backend.media), resizer: resizer,
                logger: logger)
            await processor.wake()
            await processor.idle()
            var counts: [MediaState: Int] = [:]
            var offset = 0
            while true {
                let page = try await store.media(limit: 500, offset: offset).items
                for item in page {
                    counts[item.state, default: 0] += 1
                    if item.state == .failed { print("refused: \(item.fileName) (\(item.originalName))") }
                }
                offset += page.count
                if page.count < 500 { break }
            }
            print("pictures: \(offset), ready: \(counts[.ready] ?? 0), refused: \(counts[.failed] ?? 0)")
            let pending = counts[.pending] ?? 0
            if pending > 0 { throw ValidationError("\(pending) pictures could not be processed (see the log above)") }
        }
    }
}
