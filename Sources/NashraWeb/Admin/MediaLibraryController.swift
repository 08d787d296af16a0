import Foundation
import Hummingbird
import NashraCore

/// The media library: every picture, searched and paged, each with a page for its alt text,
/// caption, credit and focal point, the state of its copies and the markup to put it in a story.
struct MediaLibraryController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }
    static var pageSize: Int { 24 }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.mediaItem, allowed: \.canUpload) { request, context, signedIn in
            try await detailsPage(
                try item(context), signedIn, flash: Newsroom<Store>.flash(request, "admin_saved"))
        }
        routes.post(AdminRoutes.mediaItem, allowed: \.canUpload) { request, context, signedIn in
            try await save(request, context, signedIn)
        }
    }

    // MARK: - The library

    struct LibraryContent {
        struct Item {
            let editURL: String
            let thumbnail: String
            let name: String
            let size: String
            let state: String
            let isFailed: Bool
            let alt: String
        }

        let items: [Item]
        let error: String?
        let maxSize: String
        let query: String
        let count: String
        let pagination: Pagination?
    }

    /// The library page: the upload form, the search box and one page of pictures.
    func library(
        _ request: Request, _ signedIn: SignedIn, flash: String?, error: String? = nil, maxBytes: Int
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let query = String((request.query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        let page = Newsroom<Store>.page(request.query["page"])
        let found = try await store.media(
            matching: query, limit: Self.pageSize, offset: page.offset(pageSize: Self.pageSize))
        if error == nil { try page.requireExists(itemsOnPage: found.items.count) }
        let items = found.items.map { item in
            LibraryContent.Item(
                editURL: AdminRoutes.mediaItem.path(item.id), thumbnail: Self.thumbnail(of: item),
                name: item.originalName, size: "\(item.width)×\(item.height)",
                state: localizer.text("admin_media_state_" + item.state.rawValue), isFailed: item.state == .failed,
                alt: item.details.alt)
        }
        let pagination = Pagination(
            current: page, total: found.total, pageSize: Self.pageSize, localizer: localizer,
            url: { number in
                AdminRoutes.media.path(query: (query.isEmpty ? [] : [("q", query)]) + [("page", String(number))])
            })
        return try await newsroom.render(
            LibraryContent(
                items: items, error: error, maxSize: "\(maxBytes / 1024 / 1024) MB", query: query,
                count: localizer.plural("admin_media_count", found.total), pagination: pagination),
            template: .adminMedia, title: localizer.text("admin_nav_media"), signedIn: signedIn, current: "media",
            status: error == nil ? .ok : .unprocessableContent, flash: flash)
    }

    /// The smallest copy, else the original while copies are made; nothing for a refused picture.
    static func thumbnail(of item: MediaItem) -> String {
        guard item.state != .failed else { return "" }
        return (item.widths(.webp).first ?? item.widths(.jpeg).first).map { "/media/" + $0.fileName } ?? item.path
    }

    // MARK: - One picture

    struct DetailsContent {
        struct Copy {
            let url: String
            let label: String
        }

        let action: String
        let libraryURL: String
        let preview: String
        let name: String
        let size: String
        let state: String
        let isFailed: Bool
        let alt: String
        let caption: String
        let credit: String
        let focalX: String
        let focalY: String
        let url: String
        let figure: String
        let copies: [Copy]
        let hasCopies: Bool
        let errors: FormErrors
        let altMax: Int
        let captionMax: Int
        let creditMax: Int
    }

    func item(_ context: NashraRequestContext) async throws -> MediaItem {
        guard let raw = context.parameters.get("id"), let id = Int64(raw), let item = try await store.media(id: id)
        else { throw HTTPError(.notFound) }
        return item
    }

    func detailsPage(
        _ item: MediaItem, _ signedIn: SignedIn, flash: String?,
        failed: (fields: FormFields, errors: FormErrors)? = nil
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let shown = failed.map { Self.details(from: $0.fields) } ?? item.details
        let copies = item.variants.sorted { ($0.purpose.rawValue, $0.width) < ($1.purpose.rawValue, $1.width) }.map {
            DetailsContent.Copy(
                url: "/media/" + $0.fileName,
                label: "\($0.width)×\($0.height) \($0.format.rawValue.uppercased()) · \(Self.kilobytes($0.bytes))"
                    + ($0.purpose == .width ? "" : " · " + localizer.text("admin_media_crop_" + $0.purpose.rawValue)))
        }
        let content = DetailsContent(
            action: AdminRoutes.mediaItem.path(item.id), libraryURL: AdminRoutes.media.path(),
            preview: Self.thumbnail(of: item), name: item.originalName,
            size: "\(item.width)×\(item.height) · \(Self.kilobytes(item.bytes))",
            state: localizer.text("admin_media_state_" + item.state.rawValue), isFailed: item.state == .failed,
            alt: failed?.fields["alt"] ?? shown.alt, caption: failed?.fields["caption"] ?? shown.caption,
            credit: failed?.fields["credit"] ?? shown.credit,
            focalX: failed?.fields["focal_x"] ?? String(Int((shown.focus.x * 100).rounded())),
            focalY: failed?.fields["focal_y"] ?? String(Int((shown.focus.y * 100).rounded())),
            url: item.path, figure: Self.figureMarkup(item, details: shown),
            copies: copies, hasCopies: !copies.isEmpty, errors: failed?.errors ?? FormErrors(),
            altMax: MediaDetails.maxLengths.alt, captionMax: MediaDetails.maxLengths.caption,
            creditMax: MediaDetails.maxLengths.credit)
        return try await newsroom.render(
            content, template: .adminMediaItem, title: item.originalName, signedIn: signedIn, current: "media",
            status: failed == nil ? .ok : .unprocessableContent, flash: flash)
    }

    func save(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        let fields = try await newsroom.form(request, context, signedIn)
        let item = try await item(context)
        guard signedIn.user.role.editsOthersArticles || item.userID == signedIn.user.id else {
            throw HTTPError(.forbidden)
        }
        let localizer = try await newsroom.localizer()
        var errors = FormErrors()
        let details = Self.details(from: fields)
        do {
            try details.validate()
        } catch {
            errors.add(error.field, newsroom.message(for: error, localizer))
        }
        for field in ["focal_x", "focal_y"] where Self.percent(fields[field]) == nil {
            errors.add(field, localizer.text("admin_error_focal"))
        }
        guard !errors.any else {
            return try await detailsPage(item, signedIn, flash: nil, failed: (fields, errors))
        }
        try await store.updateMedia(id: item.id, details: details)
        await newsroom.audit(
            .mediaEdited, by: signedIn.user, target: item.path, detail: item.originalName, request: request,
            context: context)
        if details.focus != item.details.focus { await newsroom.processor?.wake() }
        await newsroom.site.wrote()
        return newsroom.redirect(AdminRoutes.mediaItem.path(item.id, query: [("done", "1")]))
    }

    static func details(from fields: FormFields) -> MediaDetails {
        func trimmed(_ name: String) -> String {
            (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return MediaDetails(
            alt: trimmed("alt"), caption: trimmed("caption"), credit: trimmed("credit"),
            focus: FocalPoint(
                x: Double(percent(fields["focal_x"]) ?? 50) / 100, y: Double(percent(fields["focal_y"]) ?? 50) / 100))
    }

    /// A whole number from 0 to 100 (an empty field is the centre).
    static func percent(_ raw: String?) -> Int? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return 50 }
        guard let value = Int(text), (0...100).contains(value) else { return nil }
        return value
    }

    /// The HTML a story's body takes to show the picture with its caption and credit.
    static func figureMarkup(_ item: MediaItem, details: MediaDetails) -> String {
        let caption = [details.caption, details.credit].filter { !$0.isEmpty }.joined(separator: " — ")
        var markup = "<figure><img src=\"\(item.path)\" alt=\"\(HTMLEscaping.escape(details.alt))\">"
        if !caption.isEmpty { markup += "<figcaption>\(HTMLEscaping.escape(caption))</figcaption>" }
        return markup + "</figure>"
    }

    static func kilobytes(_ bytes: Int) -> String {
        bytes >= 1024 * 1024
            ? String(format: "%.1f MB", Double(bytes) / 1024 / 1024) : "\(max(1, (bytes + 512) / 1024)) KB"
    }
}
