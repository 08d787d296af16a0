import Foundation

/// The rules for readers' comments: validation, closing, moderation. Shared by the web form, the
/// CLI and the newsroom.
public enum CommentRules {
    public static let maxNameLength = 100
    public static let maxEmailLength = 254
    public static let maxURLLength = 200
    /// Replies nest at most this deep; a reply to a comment at this depth joins its parent's thread.
    public static let maxDepth = 5

    /// Validates and normalizes a submission.
    public static func validate(_ input: CommentSubmission, maxLength: Int) -> Result<
        ValidComment, CommentValidationErrors
    > {
        var problems: [CommentField: CommentProblem] = [:]
        let name = singleLine(ArabicText.strippingControls(input.author)).precomposedStringWithCanonicalMapping
        if name.isEmpty {
            problems[.author] = .required
        } else if name.count > maxNameLength {
            problems[.author] = .tooLong(max: maxNameLength)
        }
        let email = input.email.trimmingCharacters(in: .whitespacesAndNewlines)
        if email.isEmpty {
            problems[.email] = .required
        } else if email.utf8.count > maxEmailLength {
            problems[.email] = .tooLong(max: maxEmailLength)
        } else if !isPlausibleEmail(email) {
            problems[.email] = .invalidEmail
        }
        var url: String?
        let rawURL = input.url.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rawURL.isEmpty {
            if rawURL.count > maxURLLength {
                problems[.url] = .tooLong(max: maxURLLength)
            } else if let normalized = normalizedWebsite(rawURL) {
                url = normalized
            } else {
                problems[.url] = .invalidURL
            }
        }
        let body = input.comment
            .replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCanonicalMapping
        if body.isEmpty {
            problems[.comment] = .required
        } else if body.count > maxLength {
            problems[.comment] = .tooLong(max: maxLength)
        }
        guard problems.isEmpty else { return .failure(CommentValidationErrors(problems: problems)) }
        return .success(
            ValidComment(authorName: name, authorEmail: email, authorURL: url, body: body, parentID: input.parentID))
    }

    /// Whether new comments are refused on an article: closed by hand, or older than the setting allows.
    public static func isClosed(_ article: Article, settings: SiteSettings, now: Date) -> Bool {
        if !article.commentsOpen { return true }
        guard settings.commentCloseAfterDays > 0, let published = article.publishedAt else { return false }
        return now.timeIntervalSince(published) > Double(settings.commentCloseAfterDays) * 86_400
    }

    /// The moderation decision for a valid comment.
    /// - Parameter knownReader: the same name and email already have an approved comment.
    public static func decide(_ comment: ValidComment, settings: SiteSettings, knownReader: Bool) -> CommentStatus {
        let words = settings.disallowedWordList
        if !words.isEmpty {
            let haystack = [comment.authorName, comment.authorEmail, comment.authorURL ?? "", comment.body]
            if haystack.contains(where: { containsAny(of: words, in: $0) }) { return .spam }
        }
        if linkCount(in: comment.body) >= 2 { return .pending }
        switch settings.commentPolicy {
        case .hold: return .pending
        case .approveKnown: return knownReader ? .approved : .pending
        case .open: return .approved
        }
    }

    /// How many links a plain-text comment holds (http(s) URLs and bare www. addresses).
    public static func linkCount(in text: String) -> Int {
        CommentText.segments(of: text).reduce(0) { $0 + ($1.isLink ? 1 : 0) }
    }

    /// Whether any listed word or phrase appears in `text` as whole words, after Arabic normalization,
    /// so tatweel, tashkeel and alef variants cannot slip past the list.
    public static func containsAny(of phrases: [String], in text: String) -> Bool {
        let words = normalizedWords(text)
        guard !words.isEmpty else { return false }
        for phrase in phrases {
            let target = normalizedWords(phrase)
            guard !target.isEmpty, target.count <= words.count else { continue }
            for start in 0...(words.count - target.count) where Array(words[start..<start + target.count]) == target {
                return true
            }
        }
        return false
    }

    static func normalizedWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in ArabicText.normalize(text).unicodeScalars {
            if ArabicText.isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    /// A pragmatic check: one @, a non-empty local part without spaces, a dotted domain of letters,
    /// digits and hyphens (internationalized letters allowed).
    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty, local.count <= 64,
            !local.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }

    /// An http(s) URL with a host; a bare domain gets `https://`.
    static func normalizedWebsite(_ raw: String) -> String? {
        var candidate = raw
        if URLPolicy.scheme(of: raw) == nil {
            guard raw.contains("."), !raw.hasPrefix("/") else { return nil }
            candidate = "https://" + raw
        }
        guard let link = URLPolicy.link(candidate), link.isAbsoluteWeb,
            !candidate.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
        else { return nil }
        return candidate
    }
}
