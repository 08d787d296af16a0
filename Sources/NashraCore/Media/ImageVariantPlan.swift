/// One resized copy of an uploaded picture, as stored and served.
public struct ImageVariant: Sendable, Hashable {
    /// What the copy is for.
    public enum Purpose: String, Sendable, Hashable {
        /// A width of the responsive set (`srcset`).
        case width
        /// The 1200×630 crop for Open Graph and Twitter cards.
        case social
        /// The 16:9 crop for search engines (Google asks for 16:9, 4:3 and 1:1).
        case wide
        /// The 4:3 crop for search engines.
        case standard
        /// The 1:1 crop for search engines.
        case square
    }

    public var purpose: Purpose
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    /// Its name in the media folder, e.g. `Q2x…-640.webp`.
    public var fileName: String
    public var bytes: Int

    public init(purpose: Purpose, format: ImageFormat, width: Int, height: Int, fileName: String, bytes: Int) {
        self.purpose = purpose
        self.format = format
        self.width = width
        self.height = height
        self.fileName = fileName
        self.bytes = bytes
    }
}

/// Where the eye should stay when a picture is cropped, as fractions of its width and height
/// (0.5, 0.5 is the centre).
public struct FocalPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    /// Values outside 0...1 are clamped.
    public init(x: Double, y: Double) {
        self.x = min(max(x.isFinite ? x : 0.5, 0), 1)
        self.y = min(max(y.isFinite ? y : 0.5, 0), 1)
    }

    public static let centre = FocalPoint(x: 0.5, y: 0.5)
}

/// Which copies a picture gets, and the crop of its social card: pure arithmetic, no pixels.
public enum ImageVariantPlan {
    /// The widths of the responsive set.
    public static let widths = [320, 640, 960, 1280, 1920]
    /// The size of the Open Graph / Twitter card image.
    public static let socialSize = (width: 1200, height: 630)
    /// The cropped copies, each cut around the focal point and at most this size (never enlarged):
    /// the social card, then the proportions Google asks of an article's pictures.
    public static let crops: [(purpose: ImageVariant.Purpose, width: Int, height: Int)] = [
        (.social, socialSize.width, socialSize.height), (.wide, 1200, 675), (.standard, 1200, 900),
        (.square, 1200, 1200),
    ]

    /// The widths to make for a picture `originalWidth` pixels wide: never wider than the original,
    /// and the original's own width when it is narrower than the smallest.
    public static func widths(forOriginalWidth originalWidth: Int) -> [Int] {
        let fitting = widths.filter { $0 <= originalWidth }
        return fitting.isEmpty ? [max(originalWidth, 1)] : fitting
    }

    /// The largest box of `proportions` inside a `width`×`height` picture, placed so that `focus`
    /// is as near its centre as the picture's edges allow.
    public static func crop(width: Int, height: Int, proportions: (width: Int, height: Int), focus: FocalPoint) -> (
        left: Int, top: Int, width: Int, height: Int
    ) {
        let aspect = Double(proportions.width) / Double(proportions.height)
        var cropWidth = width
        var cropHeight = Int((Double(width) / aspect).rounded())
        if cropHeight > height {
            cropHeight = height
            cropWidth = min(width, Int((Double(height) * aspect).rounded()))
        }
        cropWidth = max(cropWidth, 1)
        cropHeight = max(cropHeight, 1)
        func place(_ size: Int, in total: Int, at fraction: Double) -> Int {
            let wanted = Int((Double(total) * fraction - Double(size) / 2).rounded())
            return min(max(wanted, 0), total - size)
        }
        return (
            place(cropWidth, in: width, at: focus.x), place(cropHeight, in: height, at: focus.y), cropWidth,
            cropHeight
        )
    }
}
