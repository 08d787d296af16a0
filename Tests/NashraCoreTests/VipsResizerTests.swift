import Foundation
import NashraTestSupport
import Testing

@testable import NashraCore

/// The resizer against Debian's real libvips (`libvips-tools`, installed by `scripts/test`).
@Suite struct VipsResizerTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-vips-test-" + UUID().uuidString)
        .path

    func resizer(_ limits: VipsResizer.Limits = .init()) throws -> VipsResizer {
        let resizer = VipsResizer(limits: limits)
        guard resizer.isAvailable else {
            Issue.record("/usr/bin/vips is missing: apt-get install libvips-tools")
            throw ResizeFailure.toolMissing("vips")
        }
        return resizer
    }

    static func picture(width: Int, height: Int, format: String) throws -> [UInt8] {
        try TestPictures.noise(width: width, height: height, format: format)
    }

    static var gpsSeconds: [UInt8] { TestPictures.gpsSeconds }
    static func withCameraEXIF(_ jpeg: [UInt8]) -> [UInt8] { TestPictures.withCameraEXIF(jpeg) }

    func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func aCameraPhotoGetsEveryWidthUprightWithoutItsGPSPosition() async throws {
        let original = Self.withCameraEXIF(try Self.picture(width: 4000, height: 3000, format: "jpg"))
        #expect(original.firstRange(of: Self.gpsSeconds) != nil)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let variants = try await resizer().makeVariants(of: original, baseName: "photo_1", into: folder)

        let widths = variants.filter { $0.purpose == .width }
        // Turned upright: 3000 wide and 4000 high as shown, so every width fits and none is enlarged.
        #expect(Set(widths.map(\.width)) == [320, 640, 960, 1280, 1920])
        for variant in widths {
            #expect(abs(variant.height - variant.width * 4 / 3) <= 1, "\(variant.fileName) is upright")
            #expect(variant.bytes < original.count)
        }
        #expect(Set(widths.map(\.format)) == [.webp, .jpeg])
        #expect(widths.count == 10)
        let social = try #require(variants.first { $0.purpose == .social })
        #expect((social.width, social.height) == (1200, 630))
        #expect(social.fileName.wholeMatch(of: /photo_1-social-[0-9a-f]{12}\.jpg/) != nil)
        // The proportions Google asks for, each 1200 wide, cut from the upright 3000×4000.
        let crops = variants.filter { [.wide, .standard, .square].contains($0.purpose) }
        // libvips rounds the scaled height its own way (versions differ by a pixel).
        #expect(crops.map(\.purpose) == [.wide, .standard, .square])
        for (crop, height) in zip(crops, [675, 900, 1200]) {
            #expect(
                crop.width == 1200 && abs(crop.height - height) <= 1, "\(crop.purpose) \(crop.width)×\(crop.height)")
        }
        #expect(crops.allSatisfy { $0.format == .jpeg && $0.fileName.hasPrefix("photo_1-\($0.purpose.rawValue)-") })
        #expect(variants.count == widths.count + ImageVariantPlan.crops.count)  // the crops include the social card
        for variant in widths {
            let pattern = try Regex("photo_1-\(variant.width)-[0-9a-f]{12}\\.\(variant.format.fileExtension)")
            #expect(variant.fileName.wholeMatch(of: pattern) != nil, "\(variant.fileName)")
        }
        // Named after their own bytes: no two copies share a name.
        #expect(Set(variants.map(\.fileName)).count == variants.count)

        #expect(files() == variants.map(\.fileName).sorted())
        for variant in variants {
            let path = folder + "/" + variant.fileName
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(bytes.count == variant.bytes)
            #expect(bytes.firstRange(of: Self.gpsSeconds) == nil, "\(variant.fileName) keeps the GPS position")
            #expect(bytes.firstRange(of: Array("Exif\0\0".utf8)) == nil, "\(variant.fileName) keeps EXIF")
            #expect(bytes.firstRange(of: Array("EXIF".utf8)) == nil, "\(variant.fileName) keeps an EXIF chunk")
            let inspected = try ImageInspector.inspect(bytes, maxBytes: VipsResizer.maxBytes).get()
            #expect(inspected.format == variant.format && inspected.width == variant.width)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o644)
        }
    }

    @Test func aSmallPictureIsNeverEnlarged() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let variants = try await resizer().makeVariants(
            of: try Self.picture(width: 200, height: 100, format: "png"), baseName: "small", into: folder)
        let widths = variants.filter { $0.purpose == .width }
        #expect(widths.map(\.width) == [200, 200])
        #expect(
            Set(widths.map { $0.fileName.replacing(/-[0-9a-f]{12}\./, with: ".") }) == [
                "small-200.webp", "small-200.jpg",
            ])
        let social = try #require(variants.first { $0.purpose == .social })
        // The widest 1200:630 box of the picture, left as it is; the other crops likewise.
        #expect((social.width, social.height) == (190, 100))
        #expect(
            variants.filter { $0.purpose != .width && $0.purpose != .social }.map { [$0.width, $0.height] } == [
                [178, 100], [133, 100], [100, 100],
            ])
    }

    @Test func aJPEGWithCorruptPixelDataIsRefusedNotFilledWithGrey() async throws {
        let corrupt = try TestPictures.corruptJPEG()
        // Its structure holds, so the inspector lets it through to the decoder...
        #expect(throws: Never.self) { try ImageInspector.inspect(corrupt, maxBytes: VipsResizer.maxBytes).get() }
        // ...which says the data is corrupt: refused, nothing kept.
        do {
            _ = try await resizer().makeVariants(of: corrupt, baseName: "corrupt", into: folder)
            Issue.record("a corrupt JPEG got copies")
        } catch {
            guard case .failed(let message) = error as? ResizeFailure else {
                Issue.record("unexpected \(error)")
                return
            }
            // The decoder's own words (libjpeg's) change between versions: only that it spoke counts.
            #expect(!message.isEmpty)
        }
        #expect(files().isEmpty)
    }

    @Test func decoderWarningsAreReadFromStderr() {
        let line = "(vips:30452): VIPS-WARNING **: 08:30:00.624: VipsJpeg: Corrupt JPEG data: bad Huffman code"
        #expect(VipsResizer.decoderWarning(in: "\n" + line + "\n") == "VipsJpeg: Corrupt JPEG data: bad Huffman code")
        #expect(VipsResizer.decoderWarning(in: "") == nil)
    }

    @Test func aDecompressionBombIsRefusedFromItsHeader() async throws {
        // A PNG header claiming 30000×30000: refused before any decoder sees it.
        let png = TinyImage.png(width: 30000, height: 30000)
        await #expect(throws: ResizeFailure.refused(.tooManyPixels(max: ImageInspector.maxPixels))) {
            _ = try await resizer().makeVariants(of: png, baseName: "bomb", into: folder)
        }
        #expect(files().isEmpty)
    }

    /// A stand-in for libvips that never finishes, or that spins on the CPU.
    func fakeVips(_ body: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fake-vips-" + UUID().uuidString).path
        FileManager.default.createFile(
            atPath: path, contents: Data("#!/bin/sh\n\(body)\n".utf8), attributes: [.posixPermissions: 0o755])
        return path
    }

    @Test func aProcessPastTheWallClockIsKilled() async throws {
        let fake = try fakeVips("exec sleep 600")
        defer { try? FileManager.default.removeItem(atPath: fake) }
        let resizer = VipsResizer(vipsProgram: fake, limits: .init(wallClockSeconds: 1))
        await #expect(throws: ResizeFailure.timedOut(seconds: 1)) {
            _ = try await resizer.makeVariants(
                of: try Self.picture(width: 64, height: 64, format: "png"), baseName: "slow", into: folder)
        }
        #expect(files().isEmpty)
    }

    @Test func aProcessPastItsCPUTimeIsStopped() async throws {
        let fake = try fakeVips("while :; do :; done")
        defer { try? FileManager.default.removeItem(atPath: fake) }
        let resizer = VipsResizer(vipsProgram: fake, limits: .init(cpuSeconds: 1, wallClockSeconds: 600))
        await #expect {
            _ = try await resizer.makeVariants(
                of: try Self.picture(width: 64, height: 64, format: "png"), baseName: "spin", into: folder)
        } throws: { error in
            guard case .failed(let message) = error as? ResizeFailure else { return false }
            return message.contains("signal")
        }
    }
}

@Suite struct ImageVariantPlanTests {
    @Test func widthsNeverExceedTheOriginal() {
        #expect(ImageVariantPlan.widths(forOriginalWidth: 4000) == [320, 640, 960, 1280, 1920])
        #expect(ImageVariantPlan.widths(forOriginalWidth: 1000) == [320, 640, 960])
        #expect(ImageVariantPlan.widths(forOriginalWidth: 320) == [320])
        #expect(ImageVariantPlan.widths(forOriginalWidth: 100) == [100])
    }

    @Test func theSocialCropFollowsTheFocalPointWithinTheEdges() {
        // 2000×2000: the box is 2000×1050; centred it starts at 475, at the top it is held at 0.
        #expect(
            ImageVariantPlan.crop(width: 2000, height: 2000, proportions: ImageVariantPlan.socialSize, focus: .centre)
                == (0, 475, 2000, 1050))
        #expect(
            ImageVariantPlan.crop(
                width: 2000, height: 2000, proportions: ImageVariantPlan.socialSize, focus: FocalPoint(x: 0.5, y: 0))
                == (
                    0, 0, 2000, 1050
                ))
        #expect(
            ImageVariantPlan.crop(
                width: 2000, height: 2000, proportions: ImageVariantPlan.socialSize, focus: FocalPoint(x: 0.5, y: 0.9))
                == (
                    0, 950, 2000, 1050
                ))
        // A panorama: full height, the box slides sideways to the focus.
        #expect(
            ImageVariantPlan.crop(
                width: 4000, height: 630, proportions: ImageVariantPlan.socialSize, focus: FocalPoint(x: 0.25, y: 0.5))
                == (
                    400, 0, 1200, 630
                ))
        #expect(FocalPoint(x: 7, y: -1) == FocalPoint(x: 1, y: 0))
        // A square from a landscape photo, towards its right-hand third.
        #expect(
            ImageVariantPlan.crop(
                width: 3000, height: 2000, proportions: (1, 1), focus: FocalPoint(x: 0.66, y: 0.5)) == (
                    980, 0, 2000, 2000
                ))
    }
}
