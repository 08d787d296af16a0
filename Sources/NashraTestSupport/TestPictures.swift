import Foundation

/// Real pictures for the picture tests, made by Debian's libvips (`/usr/bin/vips`).
public enum TestPictures {
    /// A noisy `width`×`height` picture (noise compresses badly, like a photo), the same every
    /// run (a fixed seed). Throws when libvips is missing or fails.
    public static func noise(width: Int, height: Int, format: String, seed: Int = 7) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-pic-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let noise = folder.appendingPathComponent("noise.v").path
        let output = folder.appendingPathComponent("picture.\(format)").path
        for arguments in [
            ["gaussnoise", noise, "\(width)", "\(height)", "--seed", "\(seed)"],
            ["copy", noise, output + (format == "jpg" ? "[Q=95]" : "")],
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/vips")
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "vips \(arguments[0])"])
            }
        }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
    }

    /// The GPS latitude 24° 42' 31.41", a byte pattern no copy may carry.
    public static let gpsSeconds: [UInt8] = [0x00, 0x00, 0x0C, 0x45, 0x00, 0x00, 0x00, 0x64]

    /// An Exif block: orientation 6 (turn 90° clockwise) and a GPS position.
    public static var cameraEXIF: [UInt8] {
        var tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]
        tiff += [0x00, 0x02]
        tiff += [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00]  // Orientation 6
        tiff += [0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 38]  // GPS IFD at 38
        tiff += [0x00, 0x00, 0x00, 0x00]
        tiff += [0x00, 0x02]
        tiff += [0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x4E, 0x00, 0x00, 0x00]  // GPSLatitudeRef "N"
        tiff += [0x00, 0x02, 0x00, 0x05, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 68]  // GPSLatitude at 68
        tiff += [0x00, 0x00, 0x00, 0x00]
        tiff += [0, 0, 0, 24, 0, 0, 0, 1, 0, 0, 0, 42, 0, 0, 0, 1] + gpsSeconds
        return Array("Exif\0\0".utf8) + tiff
    }

    /// The JPEG with ``cameraEXIF`` placed after SOI.
    public static func withCameraEXIF(_ jpeg: [UInt8]) -> [UInt8] {
        let payload = cameraEXIF
        let length = payload.count + 2
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + jpeg.dropFirst(2)
    }

    /// A JPEG whose structure holds (markers, lengths, an end marker) but whose pixel data stops
    /// halfway: a transfer cut short and closed by a tool that wrote the end marker anyway.
    public static func corruptJPEG() throws -> [UInt8] {
        let whole = try noise(width: 400, height: 300, format: "jpg", seed: 3)
        var cut = Array(whole[..<(whole.count / 2)])
        // Never end on half a marker or a stuffed byte.
        while cut.last == 0xFF { cut.removeLast() }
        return cut + [0xFF, 0xD9]
    }
}
