/// Readable URL slugs that keep Arabic letters.
///
/// `"اختراقات مايكرسوفت.. أميركا تحمل الصين المسؤولية"` becomes
/// `"اختراقات-مايكرسوفت-اميركا-تحمل-الصين-المسؤولية"`: normalized as for matching (without folding
/// teh marbuta), punctuation dropped, words joined by hyphens, capped at a word boundary.
public enum Slug {
    /// The longest slug made, in characters.
    public static let maxLength = 80

    /// Makes a slug from a title or name; empty when the text has no letters or digits.
    public static func make(from text: String) -> String {
        let normalized = ArabicText.normalize(text, foldTehMarbuta: false)
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            if ArabicText.isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        var slug = ""
        for word in words {
            let candidate = slug.isEmpty ? word : slug + "-" + word
            if candidate.count > maxLength {
                if slug.isEmpty { slug = String(word.prefix(maxLength)) }
                break
            }
            slug = candidate
        }
        return slug
    }

    /// Whether `text` is already a valid slug (what ``make(from:)`` would leave unchanged).
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && make(from: text) == text
    }

    /// The slug with a numeric suffix, used to make slugs unique: `name`, `name-2`, `name-3`…
    public static func variant(_ slug: String, number: Int) -> String {
        number <= 1 ? slug : "\(slug)-\(number)"
    }
}
