import ArgumentParser
import Foundation
import Logging
import NashraCore
import NashraDemo

/// Fills an empty database with the demo newsroom, once per database: nodes starting together on
/// one PostgreSQL take turns under a lock, and only the first finds it empty.
func seedDemoOnce(
    into store: any ContentStore & NewsroomStore, shared: (any SharedState)?, photos: any MediaFileWriting,
    logger: Logger
) async throws {
    @Sendable func seedIfEmpty() async throws {
        guard try await store.isEmpty() else { return }
        let report = try await DemoContent.seed(into: store, now: Date(), photos: photos)
        logger.info(
            "filled a new database with demo content",
            metadata: [
                "articles": "\(report.articles)", "sections": "\(report.sections)", "comments": "\(report.comments)",
                "photos": "\(report.photos)", "pages": "\(report.pages)",
            ])
    }
    if let shared {
        try await shared.exclusively("demo-seed") { try await seedIfEmpty() }
    } else {
        try await seedIfEmpty()
    }
}

/// Rebuilds the search index once after an upgrade that changed the analyzer, while the site serves
/// (``SearchIndexUpgrade``). A failure is logged and the next start tries again.
func upgradeSearchIndex(store: any ContentStore, shared: (any SharedState)?, logger: Logger) async {
    let started = ContinuousClock.now
    do {
        if let rebuilt = try await SearchIndexUpgrade.run(store, shared: shared) {
            logger.info(
                "search index rebuilt for a new analyzer",
                metadata: [
                    "from": "\(rebuilt.from)", "to": "\(ArabicAnalyzer.version)", "articles": "\(rebuilt.articles)",
                    "duration": "\(ContinuousClock.now - started)",
                ])
        }
    } catch is CancellationError {
        logger.info("search index rebuild stopped with the server; the next start resumes it")
    } catch {
        logger.error("search index rebuild failed; the next start tries again", metadata: ["error": "\(error)"])
    }
}

/// The key that signs forms and cookies. `NASHRA_SECRET` (at least 32 characters) wins; otherwise
/// nodes sharing a database share the one kept in it, and a single node keeps `secret.key` in its
/// data folder. Never one per node when there are several: a form from one must check out on another.
func signingSecret(settings: SettingSources, dataDirectory: String, shared: (any SharedState)?) async throws
    -> [UInt8]
{
    let given = settings.value(nil, env: "NASHRA_SECRET", key: "secret", default: "")
    if !given.isEmpty {
        guard given.count >= 32 else {
            throw ValidationError("secret (NASHRA_SECRET): use at least 32 random characters (openssl rand -hex 32)")
        }
        return Array(given.utf8)
    }
    if let shared {
        var generator = SystemRandomNumberGenerator()
        let proposal = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return try await shared.sharedSecret(named: "signing", proposal: proposal)
    }
    return try SecretFile.load(directory: dataDirectory)
}
