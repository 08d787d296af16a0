import Foundation

/// Pictures of our library inside a story's body, served as their copies.
///
/// The sanitizer writes every image one way (`<img src="…" alt="…" loading="lazy">`), so an image
/// of ours is found by that exact form and given the `srcset` of its copies, its shown size and a
/// WebP `<source>`, as covers are. The markup is built here from typed values; nothing else in
/// the body changes.
public enum BodyPictures {
    /// How wide a body picture is shown (the article's column).
    public static let sizes = "(max-width: 48rem) calc(100vw - 2rem), 46rem"

    nonisolated(unsafe) static let pattern =
        /<img src="\/media\/([A-Za-z0-9_-]{8,64}\.(?:jpg|png|webp|gif))" alt="([^"<>]*)" loading="lazy">/

    /// The file names of our pictures the body shows.
    public static func fileNames(in body: SafeHTML) -> [String] {
        guard mayHavePictures(body) else { return [] }
        return body.markup.matches(of: pattern).map { String($0.output.1) }
    }

    /// Whether the body has an image of ours at all: most have none, and the regular expression costs
    /// a few percent of a render even when it finds nothing.
    static func mayHavePictures(_ body: SafeHTML) -> Bool {
        var markup = body.markup
        return markup.withUTF8 { ASCIISearch.range(of: "<img src=\"/media/", in: $0, caseInsensitive: false) != nil }
    }

    /// The body with each picture whose copies are ready in `pictures` (by file name) served
    /// responsively; pictures not found or not ready stay as they are.
    public static func responsive(_ body: SafeHTML, pictures: [String: MediaItem]) -> SafeHTML {
        guard !pictures.isEmpty, mayHavePictures(body) else { return body }
        let markup = body.markup.replacing(pattern) { match -> String in
            let name = String(match.output.1)
            guard let item = pictures[name], item.state == .ready, let widest = item.widths(.jpeg).last else {
                return String(match.output.0)
            }
            // The alt text is already escaped: it comes from the sanitizer's own output.
            let alt = String(match.output.2)
            func set(_ copies: [ImageVariant]) -> String {
                copies.map { "/media/\($0.fileName) \($0.width)w" }.joined(separator: ", ")
            }
            let fallback = item.widths(.jpeg).last { $0.width <= 960 } ?? widest
            var html = "<picture>"
            let webp = item.widths(.webp)
            if !webp.isEmpty {
                html += "<source type=\"image/webp\" srcset=\"\(set(webp))\" sizes=\"\(sizes)\">"
            }
            html += "<img src=\"/media/\(fallback.fileName)\" srcset=\"\(set(item.widths(.jpeg)))\" sizes=\"\(sizes)\""
            html += " width=\"\(widest.width)\" height=\"\(widest.height)\" alt=\"\(alt)\" loading=\"lazy\""
            html += " decoding=\"async\"></picture>"
            return html
        }
        return SafeHTML(sanitized: markup)
    }
}
