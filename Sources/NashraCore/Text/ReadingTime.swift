/// Estimated reading time of an article body.
public enum ReadingTime {
    /// Words a reader of Arabic news reads in a minute.
    public static let wordsPerMinute = 200

    /// Whole minutes, at least one, for the visible text of sanitized HTML.
    public static func minutes(for body: SafeHTML) -> Int {
        minutes(forWordCount: wordCount(ofHTML: body.markup))
    }

    public static func minutes(forWordCount words: Int) -> Int {
        max(1, Int((Double(words) / Double(wordsPerMinute)).rounded()))
    }

    /// Counts words in markup, ignoring tags.
    static func wordCount(ofHTML markup: String) -> Int {
        var count = 0
        var inTag = false
        var inEntity = false
        var inWord = false
        for scalar in markup.unicodeScalars {
            if scalar == "<" {
                inTag = true
                inWord = false
                continue
            }
            if inTag {
                if scalar == ">" { inTag = false }
                continue
            }
            // An entity (&amp;, &#39;) stands for one character, not a word, and does not end one.
            if scalar == "&" {
                inEntity = true
                continue
            }
            if inEntity {
                if scalar == ";" {
                    inEntity = false
                    continue
                }
                if !scalar.properties.isWhitespace { continue }
                inEntity = false
            }
            if ArabicText.isWordScalar(scalar) {
                if !inWord {
                    count += 1
                    inWord = true
                }
            } else if scalar == " " || scalar == "\n" || scalar == "-" || scalar.properties.isWhitespace {
                inWord = false
            }
        }
        return count
    }
}
