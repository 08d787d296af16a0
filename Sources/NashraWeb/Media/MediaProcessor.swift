import Foundation
import Logging
import NIOPosix
import NashraCore

/// Makes the resized copies of pictures whose copies are still to be made (``MediaState/pending``),
/// one picture at a time, in the background: an upload is answered at once and its copies follow
/// a few seconds later; a `serve` that starts with pending pictures (older uploads, imports,
/// `nashra media regenerate`, a crash halfway) makes theirs.
///
/// A picture libvips cannot read is marked ``MediaState/failed`` and is never served again, not
/// even its original.
public actor MediaProcessor {
    /// What happened to one picture.
    public enum Outcome: Sendable, Equatable {
        case made(copies: Int)
        /// libvips could not read it: marked failed, never served.
        case refused(String)
        /// The database or the disk failed, not the picture: it stays pending for the next wake.
        case deferred(String)
        /// libvips is not installed: the picture stays pending.
        case toolMissing
    }

    let store: any MediaStore
    let files: MediaFiles
    let resizer: VipsResizer
    let logger: Logger
    /// Called after each picture's copies are recorded, so caches drop the pages that show it.
    let changed: @Sendable () async -> Void
    private var draining: Task<Void, Never>?
    private var wokenWhileDraining = false

    public init(
        store: any MediaStore, files: MediaFiles, resizer: VipsResizer = VipsResizer(),
        logger: Logger = Logger(label: "nashra.media"), changed: @escaping @Sendable () async -> Void = {}
    ) {
        self.store = store
        self.files = files
        self.resizer = resizer
        self.logger = logger
        self.changed = changed
    }

    /// Starts making the copies of every pending picture unless that is already under way.
    public func wake() {
        guard draining == nil else {
            wokenWhileDraining = true
            return
        }
        draining = Task { await self.drain() }
    }

    /// Waits for the work under way, if any (tests, shutdown).
    public func idle() async {
        while let task = draining { await task.value }
    }

    /// How many pictures this processor has handled (made or refused) since it was created.
    public private(set) var processed = 0

    private func drain() async {
        defer { draining = nil }
        // Pictures that stay pending this drain (the disk or the database failed for them): the
        // ones after them still get their copies; the next upload or start tries them again.
        var deferred = Set<Int64>()
        repeat {
            wokenWhileDraining = false
            while let batch = try? await store.mediaAwaitingVariants(limit: 20 + deferred.count) {
                let waiting = batch.filter { !deferred.contains($0.id) }
                guard !waiting.isEmpty else { break }
                for item in waiting {
                    switch await process(item) {
                    case .toolMissing: return
                    case .deferred: deferred.insert(item.id)
                    case .made, .refused: processed += 1
                    }
                }
            }
        } while wokenWhileDraining
    }

    /// Makes `item`'s copies into the media folder (and the shared storage), records them and
    /// removes the copies they replace.
    public func process(_ item: MediaItem) async -> Outcome {
        guard resizer.isAvailable else {
            logger.warning("libvips is not installed (apt-get install libvips-tools): pictures keep no copies")
            return .toolMissing
        }
        do {
            guard let original = try await files.read(fileName: item.fileName) else {
                return try await fail(item, because: "the original file is missing")
            }
            let baseName = (item.fileName as NSString).deletingPathExtension
            let variants: [ImageVariant]
            do {
                variants = try await resizer.makeVariants(
                    of: original, baseName: baseName, into: files.directory, focus: item.details.focus)
            } catch {
                switch error {
                case .toolMissing: return .toolMissing
                case .unavailable(let reason):
                    logger.error("copies of \(item.fileName) not made: \(reason)")
                    return .deferred(reason)
                default: return try await fail(item, because: error.description)
                }
            }
            try await files.share(variants.map(\.fileName))
            let replaced = try await store.recordVariants(variants, state: .ready, mediaID: item.id)
            await files.remove(replaced)
            await changed()
            logger.info("made \(variants.count) copies of \(item.fileName)")
            return .made(copies: variants.count)
        } catch {
            // The database or the disk failed, not the picture: it stays pending for the next try.
            logger.error("copies of \(item.fileName) not recorded: \(error)")
            return .deferred(String(describing: error))
        }
    }

    private func fail(_ item: MediaItem, because reason: String) async throws -> Outcome {
        logger.warning("\(item.fileName) refused: \(reason)")
        let replaced = try await store.recordVariants([], state: .failed, mediaID: item.id)
        await files.remove(replaced)
        await changed()
        return .refused(reason)
    }
}
