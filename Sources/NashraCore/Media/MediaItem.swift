import Foundation

/// Where an uploaded picture's copies stand.
public enum MediaState: String, Sendable, Hashable, CaseIterable {
    /// Uploaded or imported; its copies are being made (the original is served meanwhile).
    case pending
    /// Its copies are made and listed in ``MediaItem/variants``.
    case ready
    /// libvips could not read it: it is refused, and neither it nor any copy is served.
    case failed
}

/// What the newsroom says about a picture: its description for readers who cannot see it, the
/// caption shown under it, who took it, and where a crop should stay.
public struct MediaDetails: Sendable, Hashable {
    public var alt: String
    public var caption: String
    /// The photographer or agency (a newsroom credits every photo).
    public var credit: String
    public var focus: FocalPoint

    public init(alt: String = "", caption: String = "", credit: String = "", focus: FocalPoint = .centre) {
        self.alt = alt
        self.caption = caption
        self.credit = credit
        self.focus = focus
    }

    /// The longest alt text, caption and credit kept.
    public static var maxLengths: (alt: Int, caption: Int, credit: Int) { (300, 500, 200) }

    /// Checks the lengths; the first field at fault is named.
    public func validate() throws(ValidationError) {
        let limits = Self.maxLengths
        if alt.count > limits.alt { throw ValidationError(field: "alt", problem: .tooLong(max: limits.alt)) }
        if caption.count > limits.caption {
            throw ValidationError(field: "caption", problem: .tooLong(max: limits.caption))
        }
        if credit.count > limits.credit {
            throw ValidationError(field: "credit", problem: .tooLong(max: limits.credit))
        }
    }
}

/// An uploaded image.
public struct MediaItem: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The random file name it is stored and served under, e.g. `k3J9…x.png`.
    public var fileName: String
    public var originalName: String
    public var mimeType: String
    public var width: Int
    public var height: Int
    public var bytes: Int
    public var uploadedAt: Date
    public var userID: Int64?
    public var details: MediaDetails
    public var state: MediaState
    /// Its resized copies, widest first; empty until they are made.
    public var variants: [ImageVariant]

    public init(
        id: Int64, fileName: String, originalName: String, mimeType: String, width: Int, height: Int, bytes: Int,
        uploadedAt: Date, userID: Int64?, details: MediaDetails = MediaDetails(), state: MediaState = .pending,
        variants: [ImageVariant] = []
    ) {
        self.id = id
        self.fileName = fileName
        self.originalName = originalName
        self.mimeType = mimeType
        self.width = width
        self.height = height
        self.bytes = bytes
        self.uploadedAt = uploadedAt
        self.userID = userID
        self.details = details
        self.state = state
        self.variants = variants
    }

    /// Where the site serves it.
    public var path: String { "/media/" + fileName }

    /// The copies of the responsive set in one format, narrowest first.
    public func widths(_ format: ImageFormat) -> [ImageVariant] {
        variants.filter { $0.purpose == .width && $0.format == format }.sorted { $0.width < $1.width }
    }

    /// The 1200×630 crop for social cards, once made.
    public var social: ImageVariant? { variants.first { $0.purpose == .social } }

    /// The 16:9, 4:3 and 1:1 crops for search engines, those made (none before they were added).
    public var searchCrops: [ImageVariant] {
        ImageVariantPlan.crops.map(\.purpose).filter { $0 != .social }.compactMap { purpose in
            variants.first { $0.purpose == purpose }
        }
    }

    /// A new file's name before its extension: 16 random bytes, base64url (the form the media
    /// route accepts).
    public static func randomBaseName() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        while bytes.count < 16 { withUnsafeBytes(of: generator.next() as UInt64) { bytes += $0 } }
        return Data(bytes.prefix(16)).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The file name of a `/media/NAME` address, or nil for any other address.
    public static func fileName(inPath path: String) -> String? {
        guard path.hasPrefix("/media/") else { return nil }
        let name = String(path.dropFirst("/media/".count))
        return name.isEmpty || name.contains("/") ? nil : name
    }
}
