import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body. A repeated name keeps its first value
/// for the subscript; ``all(_:)`` gives every value (checkbox lists).
struct FormFields {
    private var values: [String: [String]] = [:]

    init(_ buffer: ByteBuffer) {
        self.init(text: String(buffer: buffer))
    }

    init(text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else { continue }
            values[name, default: []].append(parts.count > 1 ? (Self.decode(parts[1]) ?? "") : "")
        }
    }

    subscript(_ name: String) -> String? { values[name]?.first }

    /// Every value sent under `name`, in order.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The first value of each field.
    var firstValues: [String: String] { values.compactMapValues(\.first) }

    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
