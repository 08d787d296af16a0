import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix
import NashraCore

/// `/admin/import` (administrators): a WordPress export uploaded from the browser and imported in the
/// background, with its progress and report on the page (which refreshes itself while it runs, so
/// no script is needed). The file is streamed to disk, never held in memory.
struct ImportController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>
    let jobs: ImportJobs

    /// Larger exports go through `nashra wordpress import`, which also takes the uploads folder.
    static var maxBytes: Int { 1 << 30 }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.importWordPress, allowed: \.isAdmin) { request, _, signedIn in
            try await page(signedIn, error: nil)
        }
        routes.post(AdminRoutes.importWordPress, allowed: \.isAdmin) { request, context, signedIn in
            try await upload(request, context, signedIn)
        }
    }

    struct Content {
        let running: Bool
        let hasJob: Bool
        let fileName: String
        let state: String
        let done: Int
        let total: Int
        let report: String
        let error: String?
        let maxSize: String
    }

    func page(_ signedIn: SignedIn, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let job = await jobs.current
        let content = Content(
            running: job?.state == .running, hasJob: job != nil, fileName: job?.fileName ?? "",
            state: job.map { localizer.text("admin_import_state_" + $0.state.rawValue) } ?? "", done: job?.done ?? 0,
            total: max(job?.total ?? 0, 1), report: job?.report ?? "", error: error,
            maxSize: "\(Self.maxBytes / 1024 / 1024) MB")
        var response = try await newsroom.render(
            content, template: .adminImport, title: localizer.text("admin_nav_import"), signedIn: signedIn,
            current: "import", status: status, flash: nil)
        // While the import runs the page asks for itself again: progress without a script.
        if job?.state == .running { response.headers[HTTPField.Name("Refresh")!] = "2" }
        return response
    }

    func upload(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        try newsroom.requireSameOrigin(request)
        guard let contentType = request.headers[.contentType],
            let boundary = MediaController<Store>.boundary(of: contentType)
        else { throw HTTPError(.unsupportedMediaType) }
        let localizer = try await newsroom.localizer()
        // Beside the media folder, in the data folder: owner-only, not a shared temporary folder.
        let folder = ((newsroom.mediaDirectory as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("imports")
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let id = Signer.randomID(bytes: 9)
        let bodyPath = (folder as NSString).appendingPathComponent(id + ".body")
        let exportPath = (folder as NSString).appendingPathComponent(id + ".xml")
        var handedOver = false
        defer {
            try? FileManager.default.removeItem(atPath: bodyPath)
            if !handedOver { try? FileManager.default.removeItem(atPath: exportPath) }
        }
        try await Self.stream(request.body, to: bodyPath, limit: Self.maxBytes)
        // Splitting a large body reads the whole file: on NIO's thread pool, not the server's threads.
        let parts = try await NIOThreadPool.singleton.runIfActive {
            try MultipartFile.split(bodyPath, boundary: boundary, fileField: "file", destination: exportPath)
        }
        try newsroom.requireToken(parts.fields["_csrf"], signedIn, request, context)
        guard let file = parts.filePath,
            ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) > 0
        else {
            return try await page(
                signedIn, error: localizer.text("admin_import_missing"), status: .unprocessableContent)
        }
        let dryRun = parts.fields["dry_run"] != nil
        let fileName = MediaController<Store>.displayName(parts.fileName ?? "export.xml")
        let store = newsroom.store
        let site = newsroom.site
        let media = MediaFiles(directory: newsroom.mediaDirectory, shared: newsroom.mediaStorage)
        let clock = newsroom.clock
        let processor = newsroom.processor
        let started = await jobs.start(fileName: fileName, dryRun: dryRun, now: clock.now) { progress in
            defer { try? FileManager.default.removeItem(atPath: exportPath) }
            var importer = WordPressImport(path: exportPath, dryRun: dryRun)
            importer.mediaFiles = media
            do {
                let report = try await importer.run(into: store, now: clock.now, progress: progress)
                if !dryRun { try await store.optimizeSearchIndex() }
                await site.wrote()
                // Imported pictures get their copies in the background, as uploads do.
                await processor?.wake()
                return report.text
            } catch let error as WXRError {
                throw ImportRefusal(description: "\(fileName): \(error)")
            }
        }
        guard started else {
            return try await page(signedIn, error: localizer.text("admin_import_busy"), status: .conflict)
        }
        handedOver = true
        await newsroom.audit(
            .wordpressImport, by: signedIn.user, target: fileName, detail: dryRun ? "dry run" : "", request: request,
            context: context)
        return newsroom.redirect(AdminRoutes.importWordPress.path())
    }

    /// Writes the request body to `path` as it arrives; 413 past `limit`.
    static func stream(_ body: RequestBody, to path: String, limit: Int) async throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw HTTPError(.internalServerError)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var written = 0
        for try await buffer in body {
            written += buffer.readableBytes
            guard written <= limit else { throw HTTPError(.contentTooLarge) }
            try handle.write(contentsOf: Data(buffer.readableBytesView))
        }
    }
}

/// A refused export, worded for the page.
struct ImportRefusal: Error, CustomStringConvertible {
    let description: String
}
