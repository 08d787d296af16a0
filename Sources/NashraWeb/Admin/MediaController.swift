import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit
import NIOPosix
import NashraCore

/// Image uploads and serving them.
///
/// An upload is accepted only when its bytes are a JPEG, PNG, WebP or GIF (the name does not count)
/// with no markup hidden inside; it is stored under a random name with the extension of what it
/// really is, and served with that type, `nosniff` and a sandboxing CSP, so nothing in the media
/// folder can ever run or render as a page.
struct MediaController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }
    /// The largest image accepted.
    static var maxBytes: Int { 10 * 1024 * 1024 }
    static var allowedExtensions: Set<String> { ["jpg", "jpeg", "png", "webp", "gif"] }

    func register(on router: Router<NashraRequestContext>, newsroom routes: NewsroomRoutes) {
        routes.get(AdminRoutes.media, allowed: \.canUpload) { request, context, signedIn in
            try await library(request, signedIn, flash: Newsroom<Store>.flash(request, "admin_uploaded"))
        }
        routes.post(AdminRoutes.media, allowed: \.canUpload) { request, context, signedIn in
            try await upload(request, context, signedIn)
        }
        router.get("/media/:name") { request, context in try await serve(context) }
    }

    func library(_ request: Request, _ signedIn: SignedIn, flash: String?, error: String? = nil) async throws
        -> Response
    {
        try await MediaLibraryController(newsroom: newsroom).library(
            request, signedIn, flash: flash, error: error, maxBytes: Self.maxBytes)
    }

    func upload(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        try newsroom.requireSameOrigin(request)
        guard let contentType = request.headers[.contentType], let boundary = Self.boundary(of: contentType) else {
            throw HTTPError(.unsupportedMediaType)
        }
        var request = request
        // A little room above the image for the other parts and the multipart framing.
        let body = try await request.collectBody(upTo: Self.maxBytes + 64 * 1024)
        let parts = try Self.parts(of: body, boundary: boundary)
        try newsroom.requireToken(
            parts["_csrf"].map { String(decoding: $0.bytes, as: UTF8.self) }, signedIn, request, context)
        let localizer = try await newsroom.localizer()
        guard let file = parts["file"], !file.bytes.isEmpty else {
            return try await refuse(request, signedIn, localizer.text("admin_media_missing"))
        }
        let originalName = Self.displayName(file.fileName ?? "")
        let nameExtension = (originalName as NSString).pathExtension.lowercased()
        let inspection = ImageInspector.clean(file.bytes, maxBytes: Self.maxBytes)
        let refusal: String? =
            switch inspection {
            case .failure(let reason): "admin_media_refused_\(MediaRefusal.key(reason))"
            case .success where !Self.allowedExtensions.contains(nameExtension): "admin_media_refused_name"
            case .success: nil
            }
        guard case .success(let image) = inspection, refusal == nil else {
            await newsroom.audit(
                .mediaRefused, by: signedIn.user, target: originalName, detail: refusal ?? "", request: request,
                context: context)
            return try await refuse(request, signedIn, localizer.text(refusal ?? "admin_media_refused_format"))
        }
        let info = image.info
        let fileName = Signer.randomID(bytes: 16) + "." + info.format.fileExtension
        let path = (newsroom.mediaDirectory as NSString).appendingPathComponent(fileName)
        try await Self.write(image.bytes, to: path)
        let item: MediaItem
        do {
            // The other nodes read the bytes from the shared storage; the row comes after them.
            try await newsroom.mediaStorage?.storeMedia(fileName: fileName, bytes: image.bytes)
            item = try await store.addMedia(
                NewMedia(
                    fileName: fileName, originalName: originalName, mimeType: info.format.mimeType, width: info.width,
                    height: info.height, bytes: image.bytes.count, uploadedAt: newsroom.clock.now,
                    userID: signedIn.user.id))
        } catch {
            // No row, no file: nothing is left on disk that the library does not list.
            await Self.remove(path)
            throw error
        }
        // Answered now; the copies are made in the background.
        await newsroom.processor?.wake()
        await newsroom.audit(
            .mediaUploaded, by: signedIn.user, target: item.path, detail: originalName, request: request,
            context: context)
        if Self.wantsJSON(request) {
            // The editor's cover upload: where the picture is, to put in the cover field.
            return Self.json(
                .created, ["url": item.path, "name": originalName, "edit": AdminRoutes.mediaItem.path(item.id)])
        }
        return newsroom.redirect(AdminRoutes.media.path(query: [("done", "1")]))
    }

    /// The refusal beside the upload field, or as JSON for the editor's upload.
    func refuse(_ request: Request, _ signedIn: SignedIn, _ message: String) async throws -> Response {
        if Self.wantsJSON(request) { return Self.json(.unprocessableContent, ["error": message]) }
        return try await library(request, signedIn, flash: nil, error: message)
    }

    static func wantsJSON(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("application/json") == true
    }

    static func json(_ status: HTTPResponse.Status, _ fields: [String: String]) -> Response {
        let body = (try? JSONEncoder().encode(fields)) ?? Data("{}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: Newsroom<Store>.noStore],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A name safe to show: the last path component, no control characters, at most 200 characters.
    static func displayName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return String(
            last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init).prefix(200))
    }

    /// Writes the file whole under its name (see ``MediaFiles/writeFile(_:to:)``).
    static func write(_ bytes: [UInt8], to path: String) async throws {
        try await MediaFiles.writeFile(bytes, to: path)
    }

    static func remove(_ path: String) async {
        _ = try? await NIOThreadPool.singleton.runIfActive { try FileManager.default.removeItem(atPath: path) }
    }

    // MARK: - Multipart

    struct Part {
        var fileName: String?
        var bytes: [UInt8] = []
    }

    static func boundary(of contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            let value = piece.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 200 ? nil : value
        }
        return nil
    }

    /// The parts by field name (the first of each name).
    static func parts(of body: ByteBuffer, boundary: String) throws -> [String: Part] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [String: Part] = [:]
        var name: String?
        var current = Part()
        parser.onHeader = { field, value in
            guard field.lowercased() == "content-disposition" else { return }
            name = Self.parameter("name", in: value)
            current.fileName = Self.parameter("filename", in: value)
        }
        parser.onBody = { buffer in
            current.bytes.append(contentsOf: buffer.readableBytesView)
        }
        parser.onPartComplete = {
            if let name, parts[name] == nil { parts[name] = current }
            name = nil
            current = Part()
        }
        do {
            try parser.execute(body)
        } catch {
            throw HTTPError(.badRequest)
        }
        return parts
    }

    /// A parameter of a `Content-Disposition` value, e.g. `name` in `form-data; name="file"`.
    static func parameter(_ wanted: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == wanted else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    // MARK: - Serving

    func serve(_ context: NashraRequestContext) async throws -> Response {
        // A picture libvips refused is not served, nor is any name the media table does not list.
        guard let name = context.parameters.get("name"), Self.isMediaName(name),
            let mimeType = try await store.servableMediaType(fileName: name)
        else { throw HTTPError(.notFound) }
        let path = (newsroom.mediaDirectory as NSString).appendingPathComponent(name)
        // Streamed from disk in chunks by NIO's file system: a 10 MB image is never held whole.
        let body: ResponseBody
        do {
            body = try await FileIO().loadFile(path: path, context: context)
        } catch {
            // Uploaded on another node: this node keeps a copy from the shared storage.
            guard let storage = newsroom.mediaStorage, let bytes = try await storage.mediaBytes(fileName: name)
            else { throw error }
            try await Self.write(bytes, to: path)
            body = try await FileIO().loadFile(path: path, context: context)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: mimeType,
                .cacheControl: "public, max-age=31536000, immutable",
                .contentDisposition: "inline",
                // Even opened on its own, an image may run nothing and load nothing.
                .contentSecurityPolicy: "default-src 'none'; img-src 'self'; sandbox",
            ],
            body: body)
    }

    /// Random base64url name and one of our four extensions: nothing else is ever looked up.
    static func isMediaName(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        guard parts.count == 2, ["jpg", "png", "webp", "gif"].contains(parts[1]), (8...64).contains(parts[0].count)
        else { return false }
        return parts[0].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

/// Why an upload was refused, as the locale keys `admin_media_refused_KEY` name it.
enum MediaRefusal {
    /// Every key: one per ``ImageRejection`` and `name` for a file name that is not an image's.
    static let keys = ["empty", "too_large", "format", "malformed", "markup", "trailing", "pixels", "name"]

    static func key(_ rejection: ImageRejection) -> String {
        switch rejection {
        case .empty: "empty"
        case .tooLarge: "too_large"
        case .unknownFormat: "format"
        case .malformed: "malformed"
        case .embeddedMarkup: "markup"
        case .trailingData: "trailing"
        case .tooManyPixels: "pixels"
        }
    }
}
