import Foundation
import NashraCore

/// The demo's photographs (`Photos/`, credited in `Photos/CREDITS.md`): stored as uploads with
/// their alt text, caption, credit and focal point, so the site makes their copies as it does for
/// any upload.
enum DemoPhotos {
    struct Entry: Decodable {
        var key: String
        var file: String
        var alt: String
        var caption: String
        var credit: String
        var focus: [Double]
    }

    struct File: Decodable {
        var photos: [Entry]
    }

    /// Stores every photo through `files` and the store; returns each one's cover by key.
    static func store(into store: some ContentStore, files: any MediaFileWriting, now: Date) async throws
        -> [String: CoverImage]
    {
        guard let list = Bundle.module.url(forResource: "photos", withExtension: "json", subdirectory: "Photos") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Photos/photos.json"])
        }
        var covers: [String: CoverImage] = [:]
        for entry in try JSONDecoder().decode(File.self, from: Data(contentsOf: list)).photos {
            let name = (entry.file as NSString).deletingPathExtension
            guard let url = Bundle.module.url(forResource: name, withExtension: "jpg", subdirectory: "Photos") else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Photos/\(entry.file)"])
            }
            // The same checks as an upload: what is stored is what the inspector rebuilt.
            let image: InspectedImage
            switch ImageInspector.clean([UInt8](try Data(contentsOf: url)), maxBytes: 10 * 1024 * 1024) {
            case .success(let inspected): image = inspected
            case .failure(let reason):
                throw ValidationError(field: "demo photo \(entry.file): \(reason)", problem: .invalid)
            }
            let fileName = MediaItem.randomBaseName() + "." + image.info.format.fileExtension
            try await files.writeMedia(fileName: fileName, bytes: image.bytes)
            let focus = entry.focus.count == 2 ? FocalPoint(x: entry.focus[0], y: entry.focus[1]) : .centre
            let item = try await store.addMedia(
                NewMedia(
                    fileName: fileName, originalName: entry.file, mimeType: image.info.format.mimeType,
                    width: image.info.width, height: image.info.height, bytes: image.bytes.count, uploadedAt: now,
                    userID: nil,
                    details: MediaDetails(alt: entry.alt, caption: entry.caption, credit: entry.credit, focus: focus)))
            covers[entry.key] = CoverImage(url: item.path, alt: entry.alt)
        }
        return covers
    }
}
