import ArgumentParser
import Foundation
import NashraCore

/// `nashra comments`: the moderation queue from the terminal.
struct CommentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comments",
        abstract: "List and moderate readers' comments.",
        discussion: "A running server sees changes within a second: its cached pages and counts update.",
        subcommands: [List.self, Approve.self, Spam.self, Trash.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List comments, newest first.")
        @OptionGroup var options: DataOptions
        @Option(help: "Only this status: pending, approved, spam or trash.") var status: String?
        @Option(help: "How many to show.") var limit = 50

        func run() async throws {
            let parsed: CommentStatus?
            if let status {
                guard let value = CommentStatus(rawValue: status) else {
                    throw ValidationError("--status: \(status) is not one of pending, approved, spam, trash")
                }
                parsed = value
            } else {
                parsed = nil
            }
            let backend = try await options.openBackend()
            defer { backend.close() }
            let store = backend.store
            let page = try await listComments(in: store, status: parsed, limit: limit)
            let formatter = ISO8601DateFormatter()
            for comment in page.items {
                let excerpt = comment.body.replacingOccurrences(of: "\n", with: " ").prefix(60)
                print(
                    "\(comment.id)\t\(comment.status.rawValue)\t\(formatter.string(from: comment.createdAt))\tarticle \(comment.articleID)\t\(comment.authorName) <\(comment.authorEmail)>\t\(excerpt)"
                )
            }
            print("\(page.items.count) of \(page.total) comment(s)")
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve comments: they appear on the site.")
        @OptionGroup var options: DataOptions
        @Argument(help: "Comment ids.") var ids: [Int64]
        func run() async throws { try await moderate(.approved, ids, options) }
    }

    struct Spam: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark comments as spam.")
        @OptionGroup var options: DataOptions
        @Argument(help: "Comment ids.") var ids: [Int64]
        func run() async throws { try await moderate(.spam, ids, options) }
    }

    struct Trash: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move comments to the trash.")
        @OptionGroup var options: DataOptions
        @Argument(help: "Comment ids.") var ids: [Int64]
        func run() async throws { try await moderate(.trash, ids, options) }
    }
}

private func moderate(_ status: CommentStatus, _ ids: [Int64], _ options: DataOptions) async throws {
    guard !ids.isEmpty else { throw ValidationError("give at least one comment id") }
    let backend = try await options.openBackend()
    defer { backend.close() }
    let store = backend.store
    do {
        let changed = try await setComments(in: store, status, ids: ids)
        print("\(status.rawValue): \(changed.map { String($0.id) }.joined(separator: ", "))")
    } catch let error as NashraCore.ValidationError {
        throw ArgumentParser.ValidationError("\(error); nothing was changed")
    }
}

// Generic, so that the store the configuration opened (an existential) can be handed to the rules.
private func listComments<Store: ContentStore>(in store: Store, status: CommentStatus?, limit: Int) async throws
    -> ResultPage<NashraCore.Comment>
{
    try await CommentModeration(store: store).list(status: status, limit: limit)
}

private func setComments<Store: ContentStore>(in store: Store, _ status: CommentStatus, ids: [Int64]) async throws
    -> [NashraCore.Comment]
{
    try await CommentModeration(store: store).set(status, ids: ids)
}
