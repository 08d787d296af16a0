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

/// A view model turned into dictionaries before rendering: every ``TemplateModel`` (and array of
/// them) becomes `[String: Any]` of its fields, reflected once per render instead of once per
/// `{{name}}` looked up. Mustache reads a dictionary by key and treats it as an object in sections,
/// as it does a struct; a nil optional is left out, which is how Mustache reads it through `Mirror`
/// (the name is looked up further out). Anything else is left as it is.
enum TemplateTree {
    static func make(_ value: Any) -> Any {
        // Most fields are text, flags and numbers: a concrete type check is cheaper than the casts below.
        if value is String || value is Bool || value is Int { return value }
        if let model = value as? any TemplateModel { return fields(of: model) }
        // An empty array of anything casts; it stays an empty array.
        if let models = value as? [any TemplateModel] { return models.map(fields(of:)) }
        return value
    }

    private static func fields(of model: any TemplateModel) -> [String: Any] {
        var fields: [String: Any] = [:]
        for child in Mirror(reflecting: model).children {
            guard let label = child.label, let value = TemplateFields.unwrapped(child.value) else { continue }
            fields[label] = make(value)
        }
        return fields
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
extension PictureView: TemplateModel {}
