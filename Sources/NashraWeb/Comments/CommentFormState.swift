import NashraCore

/// The state of the comment form for one render: what to pre-fill, what went wrong, where the
/// reply goes. Empty for the cached page everyone shares.
struct CommentFormState {
    var submission = CommentSubmission(author: "", email: "", comment: "")
    var errors: CommentValidationErrors?
    /// A message above the form (expired, too fast, duplicate).
    var noticeKey: String?
    /// The comment being replied to (approved, on this article).
    var replyTo: Comment?

    static let empty = CommentFormState()

    /// The honeypot's field name; real readers never see or fill it.
    static let honeypotName = "contact_me"
}

extension CommentFormView {
    init(state: CommentFormState, action: String, token: String, articleURL: String, localizer: Localizer) {
        let problems = state.errors?.problems ?? [:]
        func error(_ field: CommentField) -> FieldError? {
            problems[field].map {
                FieldError(field: field.rawValue, message: Self.message($0, field, localizer))
            }
        }
        let first = state.errors?.firstField
        self.init(
            action: action, token: token, honeypotName: CommentFormState.honeypotName,
            valueAuthor: state.submission.author, valueEmail: state.submission.email, valueURL: state.submission.url,
            valueComment: state.submission.comment, parentID: state.replyTo.map { String($0.id) },
            replyingTo: state.replyTo.map { ArabicText.strippingControls($0.authorName) },
            cancelReplyURL: articleURL + "#respond", remember: state.submission.remember,
            authorError: error(.author), emailError: error(.email), urlError: error(.url),
            commentError: error(.comment),
            focusAuthor: first == .author, focusEmail: first == .email, focusURL: first == .url,
            focusComment: first == .comment, hasErrors: !problems.isEmpty,
            summary: CommentField.allCases.compactMap { field in
                problems[field].map {
                    SummaryItem(href: "#\(field.rawValue)", message: Self.message($0, field, localizer))
                }
            },
            notice: state.noticeKey.map(localizer.text))
    }

    static func message(_ problem: CommentProblem, _ field: CommentField, _ localizer: Localizer) -> String {
        switch problem {
        case .required: localizer.text("error_required_\(field.rawValue)")
        case .tooLong(let max): localizer.text("error_too_long").replacingOccurrences(of: "{max}", with: String(max))
        case .invalidEmail: localizer.text("error_invalid_email")
        case .invalidURL: localizer.text("error_invalid_url")
        }
    }
}
