import Foundation

/// The storage rules every backend follows, kept here so SQLite and PostgreSQL cannot drift apart.
public enum StorageRules {
    /// The first of `slug`, `slug-2`, `slug-3`… that no other article holds. `owners` maps each
    /// slug in use (current or old) that starts with `slug` to the article holding it; the article
    /// being saved may keep its own.
    public static func firstFreeSlug(_ slug: String, owners: [String: Int64], for articleID: Int64?) -> String {
        var number = 1
        while true {
            let candidate = Slug.variant(slug, number: number)
            let owner = owners[candidate]
            if owner == nil || owner == articleID { return candidate }
            number += 1
        }
    }

    /// The first free variant of `slug` among `taken` (authors made for new users).
    public static func firstFreeSlug(_ slug: String, taken: Set<String>) -> String {
        var number = 1
        while taken.contains(Slug.variant(slug, number: number)) { number += 1 }
        return Slug.variant(slug, number: number)
    }

    /// The search index holds published articles only; drafts and scheduled ones join it when published.
    public static func isIndexed(_ status: PublishState) -> Bool {
        status == .published
    }

    /// What the index holds for an article.
    public static func searchDocument(for article: Article) -> SearchDocument {
        SearchDocument(
            title: article.title, summary: article.summary, bodyHTML: article.body.markup,
            tags: article.tags.map(\.name), author: article.author.name)
    }

    /// A stored body on its way out. Bodies were sanitized on the way in; sanitizing again means a row
    /// written by hand, by an older version or by another program can never put raw HTML on a page.
    public static func storedBody(_ html: String) -> SafeHTML {
        HTMLSanitizer().sanitize(html)
    }

    /// The form of a title the newsroom's list matches against: Arabic-normalized (hamza forms,
    /// ى/ي, ة/ه, tashkeel and tatweel, case), so «الاسعار» finds «الأسعار».
    public static func titleKey(_ title: String) -> String {
        ArabicText.normalize(title)
    }

    /// The tag slug a name is stored under: tags are upserted by it, so «اقتصاد» typed twice is one tag.
    public static func tagSlug(_ name: String) -> String {
        Slug.make(from: name)
    }

    /// The slug of a byline made for a new user.
    public static func authorSlug(forUserNamed name: String) -> String {
        let slug = Slug.make(from: name)
        return slug.isEmpty ? "author" : slug
    }

    /// Whether changing `user` to `role` and `isActive` signs them out everywhere: a new role must
    /// not ride on sessions granted under the old one, and a deactivated account keeps none.
    public static func changeEndsSessions(_ user: User, role: Role, isActive: Bool) -> Bool {
        user.role != role || !isActive
    }
}
