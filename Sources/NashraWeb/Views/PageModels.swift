import NashraCore

/// The home page: breaking strip, lead story, latest, a block per section.
struct HomeContent: Encodable {
    struct SectionBlock: Encodable {
        let anchor: String
        let name: String
        let url: String
        let articles: [ArticleCard]
    }

    let breaking: [ArticleCard]
    let hasBreaking: Bool
    let lead: ArticleCard?
    let latest: [ArticleCard]
    let hasLatest: Bool
    let sections: [SectionBlock]
    let isEmpty: Bool
}

/// A section, tag or author page.
struct ListContent: Encodable {
    /// "section", "tag" or "author", for the CSS class and tests.
    let kind: String
    let heading: String
    let intro: String
    let breadcrumb: [Crumb]
    let articles: [ArticleCard]
    let pagination: Pagination?
    let isEmpty: Bool
}

/// A link in a breadcrumb trail; the last one is the current page.
struct Crumb: Encodable {
    let name: String
    let url: String
    let current: Bool
}

/// The article page, part by part: breadcrumb, title, byline, share links, body, tags, related
/// articles, comments and the way back to the top.
struct ArticleContent: Encodable {
    struct TagLink: Encodable {
        let name: String
        let url: String
    }

    /// A comment in its thread. No optionals: Mustache looks a missing value up in the enclosing
    /// comment, which would show a parent's website on its reply.
    struct CommentView: Encodable {
        let anchor: String
        let authorName: String
        let hasWebsite: Bool
        let website: String
        let initials: String
        /// One of eight avatar colours, from the name, so the same reader keeps a colour.
        let avatarClass: String
        let date: String
        let dateISO: String
        /// Paragraphs with links made clickable, through the sanitizer.
        let bodyHTML: SafeHTML
        /// Shown only to its own author, marked as awaiting moderation.
        let isPending: Bool
        let canReply: Bool
        let replyURL: String
        let children: [CommentView]
        let hasChildren: Bool
    }

    let breadcrumb: [Crumb]
    let title: String
    let summary: String
    let authorName: String
    let authorURL: String
    let sourceName: String?
    let sourceURL: String?
    let date: String
    let dateISO: String
    let updated: String?
    let updatedISO: String?
    let readingTime: String
    let isBreaking: Bool
    let cover: PictureView?
    let share: [ShareLink]
    let bodyHTML: SafeHTML
    let tags: [TagLink]
    let hasTags: Bool
    let related: [ArticleCard]
    let hasRelated: Bool
    let comments: [CommentView]
    let hasComments: Bool
    let commentCount: String
    let commentsOpen: Bool
    let form: CommentFormView
}

/// The comment form, with what the reader typed and a message beside each field at fault.
struct CommentFormView: Encodable {
    struct SummaryItem: Encodable {
        let href: String
        let message: String
    }

    let action: String
    let token: String
    let honeypotName: String
    let valueAuthor: String
    let valueEmail: String
    let valueURL: String
    let valueComment: String
    let parentID: String?
    let replyingTo: String?
    let cancelReplyURL: String
    let remember: Bool
    let authorError: FieldError?
    let emailError: FieldError?
    let urlError: FieldError?
    let commentError: FieldError?
    let focusAuthor: Bool
    let focusEmail: Bool
    let focusURL: Bool
    let focusComment: Bool
    let hasErrors: Bool
    let summary: [SummaryItem]
    let notice: String?
}

/// An error page (404 and the rest).
struct ErrorContent: Encodable {
    let status: Int
    let heading: String
    let message: String
    let homeURL: String
    let searchURL: String
}
