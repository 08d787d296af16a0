import Foundation

/// Posting a reader's comment: validation, closed articles, threads, duplicates, the moderation
/// decision, then one durable write. Rate limits and form tokens belong to the web layer.
public struct CommentPosting<Store: ContentStore>: Sendable {
    public enum Outcome: Sendable, Hashable {
        case stored(Comment)
        case invalid(CommentValidationErrors)
        case duplicate
        case closed
    }

    let store: Store

    public init(store: Store) {
        self.store = store
    }

    public func post(_ submission: CommentSubmission, to article: Article, settings: SiteSettings, now: Date)
        async throws -> Outcome
    {
        if CommentRules.isClosed(article, settings: settings, now: now) { return .closed }
        let valid: ValidComment
        switch CommentRules.validate(submission, maxLength: settings.commentMaxLength) {
        case .failure(let errors): return .invalid(errors)
        case .success(let comment): valid = comment
        }
        if try await store.isDuplicateComment(articleID: article.id, authorEmail: valid.authorEmail, body: valid.body) {
            return .duplicate
        }
        let known = try await store.hasApprovedComment(authorName: valid.authorName, authorEmail: valid.authorEmail)
        let status = CommentRules.decide(valid, settings: settings, knownReader: known)
        let parent = try await threadParent(for: valid.parentID, on: article.id)
        let stored = try await store.addComment(
            NewComment(
                articleID: article.id, parentID: parent, authorName: valid.authorName, authorEmail: valid.authorEmail,
                authorURL: valid.authorURL, body: valid.body, status: status, createdAt: now))
        return .stored(stored)
    }

    /// The parent a reply hangs from: an approved comment of the same article, no deeper than the
    /// thread limit allows (a reply to the deepest level joins its parent's thread). Anything else
    /// makes a top-level comment.
    func threadParent(for requested: Int64?, on articleID: Int64) async throws -> Int64? {
        guard let requested, let parent = try await store.comment(id: requested), parent.articleID == articleID,
            parent.status == .approved
        else { return nil }
        var chain = [parent]
        while let up = chain.last?.parentID, chain.count <= CommentRules.maxDepth,
            let next = try await store.comment(id: up)
        {
            chain.append(next)
        }
        // chain.count is the parent's depth (1 for a top-level comment).
        if chain.count >= CommentRules.maxDepth { return parent.parentID }
        return parent.id
    }
}

/// The moderation actions, for the CLI now and the newsroom later.
public struct CommentModeration<Store: ContentStore>: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    public func list(status: CommentStatus?, limit: Int = 50, offset: Int = 0) async throws -> ResultPage<Comment> {
        try await store.comments(status: status, limit: limit, offset: offset)
    }

    /// Moves comments to `status`. Every write bumps the content version, so cached pages (here or
    /// in a running server) drop and counts update.
    /// - Throws: ``ValidationError`` naming the first id that does not exist; then nothing changes.
    public func set(_ status: CommentStatus, ids: [Int64]) async throws -> [Comment] {
        let existing = Set(try await store.comments(ids: ids).map(\.id))
        if let missing = ids.first(where: { !existing.contains($0) }) {
            throw ValidationError(field: "comment \(missing)", problem: .notFound)
        }
        return try await store.setCommentStatus(status, ids: ids)
    }

    /// A staff reply, published at once: answering a comment approves it, and the reply follows the
    /// same thread rules as a reader's (a reply to the deepest level joins its parent's thread).
    /// - Throws: ``ValidationError`` for an empty or too long reply, or a missing comment.
    public func reply(
        to parentID: Int64, body: String, authorName: String, authorEmail: String, maxLength: Int, now: Date
    ) async throws -> Comment {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ValidationError(field: "body", problem: .required) }
        guard text.count <= maxLength else { throw ValidationError(field: "body", problem: .tooLong(max: maxLength)) }
        guard let parent = try await store.comment(id: parentID) else {
            throw ValidationError(field: "comment", problem: .notFound)
        }
        let threaded = try await CommentPosting(store: store).threadParent(for: parent.id, on: parent.articleID)
        return try await store.addReply(
            NewComment(
                articleID: parent.articleID, parentID: threaded, authorName: authorName, authorEmail: authorEmail,
                authorURL: nil, body: text, status: .approved, createdAt: now),
            approving: parent.id)
    }
}
