import NashraCore

/// The home page: breaking strip, lead story, latest, a block per section.
struct HomeContent {
    struct SectionBlock {
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
struct ListContent {
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
struct Crumb {
    let name: String
    let url: String
    let current: Bool
}

/// The article page, part by part as in the guide's PAGE.md.
struct ArticleContent {
    struct TagLink {
        let name: String
        let url: String
    }

    struct CommentView {
        let anchor: String
        let authorName: String
        let initials: String
        /// One of eight avatar colours, from the name, so the same reader keeps a colour.
        let avatarClass: String
        let date: String
        let dateISO: String
        let paragraphs: [String]
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
    let cover: CoverImage?
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
    let commentAction: String
}

/// An error page (404 and the rest).
struct ErrorContent {
    let status: Int
    let heading: String
    let message: String
    let homeURL: String
    let searchURL: String
}
