import ArgumentParser
import Foundation
import NashraDemo
import NashraWeb

/// `nashra seed-demo`: fill an empty database with the demo content.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo", abstract: "Fill an empty database with the demo newsroom (serve does this by itself)."
    )
    @OptionGroup var options: DataOptions

    func run() async throws {
        let backend = try await options.openBackend()
        defer { backend.close() }
        let store = backend.store
        guard try await store.isEmpty() else {
            throw ValidationError("the database already has content; demo content goes only into an empty one")
        }
        let media = (try options.settings().dataDirectory(options.data) as NSString).appendingPathComponent("media")
        let report = try await DemoContent.seed(
            into: store, now: Date(), photos: MediaFiles(directory: media, shared: backend.media))
        print(
            "sections: \(report.sections), authors: \(report.authors), articles: \(report.articles), comments: \(report.comments), photos: \(report.photos), pages: \(report.pages) (their sizes are made when the site serves, or by nashra media regenerate)"
        )
    }
}
