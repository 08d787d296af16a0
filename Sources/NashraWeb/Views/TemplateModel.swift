import Foundation

/// A page's view model the templates read as plain values: see ``TemplateTree``.
///
/// Mustache finds `{{name}}` by walking the context stack from the innermost object outwards and,
/// for a plain struct, filtering every field of each object through `Mirror` until one matches: a
/// card deep in a list that shows `{{t.read_more}}` reflected over the card, the list and the page
/// before reaching `t`. That was a third of an article render.
protocol TemplateModel: Encodable {}

/// A view model turned into dictionaries before rendering, by ``TemplateEncoder``: every struct in
/// it becomes `[String: Any]` of its fields and every list `[Any]`, once per render instead of once
/// per `{{name}}` looked up. Mustache reads a dictionary by key and treats it as an object in
/// sections, as it does a struct. Anything that is not a ``TemplateModel`` (the newsroom's pages)
/// is left for Mustache to reflect.
enum TemplateTree {
    static func make(_ value: Any) -> Any {
        guard let model = value as? any TemplateModel else { return value }
        // The encoder's containers never throw; a model's own `encode(to:)` could, and then Mustache
        // reads the model itself, more slowly, to the same page.
        return (try? TemplateEncoder.value(of: model)) ?? value
    }
}

// Every public page: its frame, strings table and content (each content type is `Encodable`).
extension PageModel: TemplateModel {}
