import Foundation

/// One field's error for a form: the message and the element id that names it.
struct FieldError: Sendable, Encodable {
    let field: String
    let message: String
    /// The id of the message element, for the field's `aria-describedby`.
    let id: String

    init(field: String, message: String) {
        self.field = field
        self.message = message
        id = field.replacingOccurrences(of: ".", with: "_") + "-error"
    }
}
