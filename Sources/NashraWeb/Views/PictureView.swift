import Foundation
import NashraCore

/// A picture as the theme prints it: `<picture>` with a WebP `srcset`, an `<img>` with the JPEG
/// `srcset` (for browsers without WebP), its shown width and height (no layout shift), alt text,
/// and either `fetchpriority="high"` (the page's lead picture) or `loading="lazy"`.
struct PictureView: Encodable {
    /// Where the picture stands in the layout, which decides the `sizes` the browser chooses by.
    enum Place {
        /// The home page's lead story: across the page on phones, beside its headline on wide screens.
        case lead
        /// A card in a grid (a small thumbnail beside the title on phones).
        case card
        /// An article's cover, across the article's column.
        case cover

        /// How wide the picture is shown, matching `site.css`.
        var sizes: String {
            switch self {
            case .lead: "(max-width: 60rem) calc(100vw - 2rem), (max-width: 72rem) 58vw, 42rem"
            case .card: "(max-width: 40rem) 7.5rem, (max-width: 60rem) 48vw, (max-width: 72rem) 32vw, 17rem"
            case .cover: "(max-width: 48rem) calc(100vw - 2rem), 46rem"
            }
        }
    }

    let src: String
    let srcset: String?
    let webpSrcset: String?
    let sizes: String
    let width: Int?
    let height: Int?
    let alt: String
    let isLead: Bool
    let caption: String?
    let credit: String?
    /// Stored, not computed: templates see stored properties only.
    let hasCaption: Bool

    /// `cover` as it should be shown at `place`; `picture` is the upload behind it, when the
    /// cover is one of ours.
    init(_ cover: CoverImage, picture: MediaItem?, place: Place) {
        alt = cover.alt
        isLead = place != .card
        sizes = place.sizes
        caption = picture.flatMap { $0.details.caption.isEmpty ? nil : $0.details.caption }
        credit = picture.flatMap { $0.details.credit.isEmpty ? nil : $0.details.credit }
        hasCaption = caption != nil || credit != nil
        guard let picture else {
            (src, srcset, webpSrcset, width, height) = (cover.url, nil, nil, nil, nil)
            return
        }
        let jpegs = picture.widths(.jpeg)
        let webps = picture.widths(.webp)
        guard picture.state == .ready, let widest = jpegs.last else {
            // Copies still to come: the original meanwhile, at its own size.
            (src, srcset, webpSrcset) = (picture.path, nil, nil)
            (width, height) = (picture.width, picture.height)
            return
        }
        func set(_ copies: [ImageVariant]) -> String? {
            copies.isEmpty ? nil : copies.map { "/media/\($0.fileName) \($0.width)w" }.joined(separator: ", ")
        }
        // The fallback `src` for browsers without `srcset`: a middle width, not the largest.
        let fallback = jpegs.last { $0.width <= 960 } ?? widest
        src = "/media/" + fallback.fileName
        srcset = set(jpegs)
        webpSrcset = set(webps)
        (width, height) = (widest.width, widest.height)
    }

    /// The file names of the pictures behind these covers (the ones served from `/media/`).
    static func fileNames(_ covers: [CoverImage?]) -> [String] {
        covers.compactMap { $0.flatMap { MediaItem.fileName(inPath: $0.url) } }
    }
}

extension RenderContext {
    /// This context, knowing the uploads behind these covers and the body's pictures (one query
    /// for all of them).
    func knowing(_ covers: [CoverImage?], body: SafeHTML? = nil, from store: some MediaStore) async throws
        -> RenderContext
    {
        let names = PictureView.fileNames(covers) + (body.map(BodyPictures.fileNames) ?? [])
        guard !names.isEmpty else { return self }
        return knowing(try await store.media(fileNames: names))
    }

    /// This context, knowing these uploads too (read with the page's other reads).
    func knowing(_ pictures: [String: MediaItem]) -> RenderContext {
        guard !pictures.isEmpty else { return self }
        var context = self
        context.pictures.merge(pictures) { _, new in new }
        return context
    }

    /// The upload `cover` shows, once its copies are made; nil for a picture elsewhere.
    func readyPicture(_ cover: CoverImage?) -> MediaItem? {
        cover.flatMap { MediaItem.fileName(inPath: $0.url) }.flatMap { pictures[$0] }.flatMap {
            $0.state == .ready ? $0 : nil
        }
    }

    /// The view of `cover` at `place`, with the upload's copies when it is one of ours.
    func picture(_ cover: CoverImage?, place: PictureView.Place) -> PictureView? {
        guard let cover else { return nil }
        return PictureView(cover, picture: MediaItem.fileName(inPath: cover.url).flatMap { pictures[$0] }, place: place)
    }
}
