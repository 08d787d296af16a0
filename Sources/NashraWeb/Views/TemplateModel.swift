import Foundation
import Mustache

/// A view model the templates read by field name without reflecting over all its fields each time.
///
/// Mustache finds `{{name}}` by walking the context stack from the innermost object outwards and, for
/// a plain struct, filtering every field of each object through `Mirror` until one matches: a card
/// deep in a list that shows `{{t.read_more}}` reflected over the card, the list and the page before
/// reaching `t`. That was a third of an article render. A `TemplateModel` answers from a table of its
/// field names, made once per type, so a miss costs a dictionary lookup and a hit reflects one field.
protocol TemplateModel: MustacheParent {}

extension TemplateModel {
    func child(named name: String) -> Any? {
        guard let index = TemplateFields.indexes(of: self)[name] else { return nil }
        let children = Mirror(reflecting: self).children
        return TemplateFields.unwrapped(children[children.index(children.startIndex, offsetBy: index)].value)
    }
}

/// The field-name tables of ``TemplateModel`` types.
enum TemplateFields {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var tables: [ObjectIdentifier: [String: Int]] = [:]

    /// Field name → position among the `Mirror` children, for `value`'s type.
    static func indexes<T>(of value: T) -> [String: Int] {
        let type = ObjectIdentifier(T.self)
        if let table = lock.withLock({ tables[type] }) { return table }
        var table: [String: Int] = [:]
        for (offset, child) in Mirror(reflecting: value).children.enumerated() {
            if let label = child.label, table[label] == nil { table[label] = offset }
        }
        lock.withLock { tables[type] = table }
        return table
    }

    /// An optional's value, or nil for none, as Mustache unwraps fields it reads through `Mirror`.
    static func unwrapped(_ value: Any) -> Any? {
        if let optional = value as? any OptionalField { return optional.wrappedField }
        return value
    }
}

/// Lets ``TemplateFields`` see through an optional held as `Any`.
protocol OptionalField {
    var wrappedField: Any? { get }
}

extension Optional: OptionalField {
    var wrappedField: Any? {
        switch self {
        case .some(let wrapped): TemplateFields.unwrapped(wrapped)
        case .none: nil
        }
    }
}

// The public site's view models.
extension PageModel: TemplateModel {}
extension LayoutModel: TemplateModel {}
extension LayoutModel.NavItem: TemplateModel {}
extension SocialMeta: TemplateModel {}
extension SocialMeta.ArticleTimes: TemplateModel {}
extension SocialMeta.FeedLink: TemplateModel {}
extension HomeContent: TemplateModel {}
extension HomeContent.SectionBlock: TemplateModel {}
extension ListContent: TemplateModel {}
extension Crumb: TemplateModel {}
extension ArticleContent: TemplateModel {}
extension ArticleContent.TagLink: TemplateModel {}
extension ArticleContent.CommentView: TemplateModel {}
extension CommentFormView: TemplateModel {}
extension CommentFormView.SummaryItem: TemplateModel {}
extension ErrorContent: TemplateModel {}
extension ArticleCard: TemplateModel {}
extension Pagination: TemplateModel {}
extension Pagination.PageLink: TemplateModel {}
extension ShareLink: TemplateModel {}
extension FieldError: TemplateModel {}
extension SearchContent: TemplateModel {}
extension SearchContent.SectionOption: TemplateModel {}
extension SearchContent.Result: TemplateModel {}
