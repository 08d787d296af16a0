import Foundation
import NashraCore

/// An `<option>` of a select.
/// A picture of the library in the editor's cover list, with the markup that puts it in the body.
struct MediaOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
    let alt: String
    let figure: String
}

struct Option: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// What the editor template shows.
struct EditorContent {
    let heading: String
    let action: String
    let values: ArticleFormValues
    let autosaveKey: String
    /// The slug follows the title until someone edits it by hand.
    let slugAuto: Bool
    let sections: [Option]
    /// Only editors and admins choose the byline; others write under their own.
    let chooseAuthor: Bool
    let authors: [Option]
    let statuses: [Option]
    let tagSuggestions: [String]
    let media: [MediaOption]
    let previewHTML: SafeHTML
    let errors: FormErrors
    /// Shown when the server holds an autosave newer than what the form shows.
    let autosave: AutosaveNotice?
    let links: EditorLinks?
    let savedText: String
    /// Shown by the script when an autosave is refused because the session ended.
    let signedOutText: String
    /// A trashed article is shown read-only, with Restore.
    let isTrashed: Bool
    /// The search-engine fields start open when one is filled in or refused.
    let seoOpen: Bool
    let seoTitleMax = SEOFields.maxTitle
    let seoDescriptionMax = SEOFields.maxDescription

    struct AutosaveNotice {
        let restoreURL: String
        let savedAt: String
    }

    /// Links and actions for an article that exists.
    struct EditorLinks {
        let preview: String
        let revisions: String
        let publicURL: String?
        let trash: String?
        let unpublish: String?
        let restore: String?
    }
}

/// The newsroom's article list.
struct ArticleListContent {
    struct Row {
        let id: Int64
        let title: String
        let editURL: String
        let publicURL: String?
        let status: String
        let statusLabel: String
        let section: String
        let author: String
        let date: String

        init(_ row: AdminArticleRow, urls: SiteURLs, dates: DateDisplay, localizer: Localizer) {
            id = row.id
            title = row.title
            editURL = AdminRoutes.editArticle.path(row.id)
            publicURL = row.status == .published ? urls.article(row.slug) : nil
            status = row.status.rawValue
            statusLabel = localizer.text("admin_status_" + row.status.rawValue)
            section = row.sectionName
            author = row.authorName
            date = dates.full(row.publishedAt ?? row.updatedAt)
        }
    }

    let rows: [Row]
    let total: String
    let query: String
    let statuses: [Option]
    let sections: [Option]
    /// Editors filter by byline; authors and contributors only ever see their own.
    let filtersByAuthor: Bool
    let authors: [Option]
    let pagination: Pagination?
}
