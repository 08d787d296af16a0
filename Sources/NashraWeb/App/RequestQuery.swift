import Hummingbird

extension Request {
    /// The query string read as a form is (`+` is a space, `%2B` a plus sign), so a newsroom filter
    /// for two words and a search for `C++` both mean what the reader typed.
    var query: FormFields { FormFields(text: uri.query ?? "") }
}
