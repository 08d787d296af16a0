import Foundation

/// The old site's uploads, taken from a copy of its `wp-content/uploads` folder (the old site may be
/// offline; from another Nashra, its data folder's `media/`): each image attachment passes the same checks as a newsroom upload (format by content,
/// size, pixels, metadata stripped) and becomes one of ours; bodies, galleries and featured images
/// then point at our copies.
public struct WordPressMedia: Sendable {
    /// As the newsroom's upload limit.
    public static let maxBytes = 10 * 1024 * 1024
    static let extensions: Set<String> = ["jpg", "jpeg", "png", "webp", "gif"]

    /// Our address of each imported attachment, by WordPress id.
    public var byAttachment: [Int64: String] = [:]
    /// Our address by ``key(of:)`` of the old URLs.
    public var byKey: [String: String] = [:]

    public init() {}

    /// What an old upload URL is matched by: its path below `uploads/`, lowercased, without the
    /// `-300x200` WordPress adds to the sizes it made, so every size of a picture finds our copy.
    public static func key(of url: String) -> String? {
        guard let range = uploadsPrefix(in: url) else { return nil }
        var path = String(url[range.upperBound...])
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<end]) }
        path = OldURL.decoded(path).lowercased()
        if let sized = path.range(of: #"-\d{2,5}x\d{2,5}(?=\.[a-z0-9]+$)"#, options: .regularExpression) {
            path.removeSubrange(sized)
        }
        return path.isEmpty ? nil : path
    }

    /// Our address for an old URL, when its picture was imported.
    public func url(for old: String) -> String? {
        Self.key(of: old).flatMap { byKey[$0] }
    }

    /// Where the path below the uploads folder starts: after WordPress's `/uploads/`, or after
    /// `/media/` in an export of ours (whose uploads folder is the data folder's `media/`).
    static func uploadsPrefix(in url: String) -> Range<String.Index>? {
        url.range(of: "/uploads/", options: .backwards) ?? url.range(of: "/media/", options: .backwards)
    }

    /// The file in `uploads` an attachment URL names, when it is there and stays inside the folder.
    static func localFile(of url: String, in uploads: String) -> String? {
        guard let range = uploadsPrefix(in: url) else { return nil }
        var relative = String(url[range.upperBound...])
        if let end = relative.firstIndex(where: { $0 == "?" || $0 == "#" }) { relative = String(relative[..<end]) }
        relative = OldURL.decoded(relative)
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            return nil
        }
        let path = (uploads as NSString).appendingPathComponent(relative)
        return FileManager.default.isReadableFile(atPath: path) ? path : nil
    }

    /// Imports the image attachments of `site`; counts go into `report` under `attachments`.
    public static func run(
        site: WordPressSite, identity: String, uploads: String, into store: some WordPressImporting,
        files: (any MediaFileWriting)?, dryRun: Bool, now: Date, report: inout WordPressImportReport
    ) async throws -> WordPressMedia {
        var media = WordPressMedia()
        for (id, attachment) in site.attachments.sorted(by: { $0.key < $1.key }) {
            func skip(_ reason: String) {
                report.skipped.append(ImportSkip(line: attachment.line, kind: "attachment", reason: "\(id): \(reason)"))
                report.count("attachments") { $0.skipped += 1 }
            }
            let name = (attachment.url as NSString).lastPathComponent
            guard Self.extensions.contains((name as NSString).pathExtension.lowercased()) else {
                skip("\(name) is not a picture we keep")
                continue
            }
            guard let key = Self.key(of: attachment.url), let path = localFile(of: attachment.url, in: uploads) else {
                skip("\(attachment.url) is not in the uploads folder")
                continue
            }
            let externalID = "wordpress:\(identity)/attachment/\(id)"
            if !dryRun, let existing = try await store.importedMedia(externalID: externalID) {
                media.add(id: id, key: key, url: existing.path)
                report.count("attachments") { $0.updated += 1 }
                continue
            }
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
                size <= Self.maxBytes
            else {
                skip("\(name) is larger than \(Self.maxBytes / 1024 / 1024) MB")
                continue
            }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let image: InspectedImage
            switch ImageInspector.clean(bytes, maxBytes: Self.maxBytes) {
            case .success(let cleaned): image = cleaned
            case .failure(let reason):
                skip("\(name) refused: \(reason)")
                continue
            }
            if dryRun {
                report.count("attachments") { $0.imported += 1 }
                continue
            }
            let fileName = MediaItem.randomBaseName() + "." + image.info.format.fileExtension
            try await files?.writeMedia(fileName: fileName, bytes: image.bytes)
            let item = try await store.addImportedMedia(
                NewMedia(
                    fileName: fileName, originalName: String((attachment.originalName ?? name).prefix(200)),
                    mimeType: image.info.format.mimeType,
                    width: image.info.width, height: image.info.height, bytes: image.bytes.count, uploadedAt: now,
                    userID: nil, details: details(of: attachment)), externalID: externalID)
            media.add(id: id, key: key, url: item.path)
            report.count("attachments") { $0.imported += 1 }
        }
        return media
    }

    /// The attachment's alt text, caption and credit, cut to the lengths the library keeps.
    static func details(of attachment: WordPressSite.AttachmentInfo) -> MediaDetails {
        let limits = MediaDetails.maxLengths
        return MediaDetails(
            alt: String(attachment.alt.trimmingASCIIWhitespace().prefix(limits.alt)),
            caption: String(attachment.caption.prefix(limits.caption)),
            credit: String(attachment.credit.prefix(limits.credit)), focus: attachment.focus)
    }

    mutating func add(id: Int64, key: String, url: String) {
        byAttachment[id] = url
        byKey[key] = url
    }
}
