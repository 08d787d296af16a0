import Crypto
import Foundation

/// Why ``VipsResizer`` made no copies of a picture.
public enum ResizeFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// libvips' programs are not installed (Debian: `apt-get install libvips-tools`).
    case toolMissing(String)
    /// The picture was not accepted by ``ImageInspector`` (format, size, markup, too many pixels).
    case refused(ImageRejection)
    /// The resizing process failed on the picture (a corrupt file, a crash, a limit reached).
    case failed(String)
    /// The process ran past the wall-clock limit and was killed.
    case timedOut(seconds: Int)
    /// The process wrote something that is not the picture asked for.
    case badOutput(String)
    /// This machine could not do the work (no room on disk, a folder not writable, the program
    /// would not start): nothing is wrong with the picture, so it may be tried again later.
    case unavailable(String)

    public var description: String {
        switch self {
        case .toolMissing(let program): "\(program) is not installed (apt-get install libvips-tools)"
        case .refused(let reason): "the picture was refused: \(reason)"
        case .failed(let message): "the picture could not be resized: \(message)"
        case .timedOut(let seconds): "resizing took longer than \(seconds) s and was stopped"
        case .badOutput(let message): "resizing gave an unexpected file: \(message)"
        case .unavailable(let message): "resizing is not possible now: \(message)"
        }
    }
}

/// Makes the resized copies of an uploaded picture with libvips, in a separate process per copy.
///
/// An image decoder is a large C program reading bytes from strangers, so it never runs inside the
/// server: each copy is one `vips` process, with libvips' untrusted loaders
/// blocked (`VIPS_BLOCK_UNTRUSTED`), CPU-time and address-space limits set by the shell before the
/// program starts, a wall-clock limit after which it is killed, and an empty environment. Only a
/// file ``ImageInspector`` accepted (JPEG, PNG, WebP or GIF by its magic bytes, dimensions from its
/// header at most 50 megapixels) is handed to it, and every file it writes is inspected again
/// before it is used. Copies are oriented as the camera said and carry no metadata (`strip`): no
/// EXIF, so no GPS position.
public struct VipsResizer: Sendable {
    /// Limits for each process.
    public struct Limits: Sendable {
        public var cpuSeconds: Int
        public var memoryBytes: Int
        public var wallClockSeconds: Int

        public init(cpuSeconds: Int = 30, memoryBytes: Int = 1 << 30, wallClockSeconds: Int = 60) {
            self.cpuSeconds = cpuSeconds
            self.memoryBytes = memoryBytes
            self.wallClockSeconds = wallClockSeconds
        }
    }

    /// The largest picture handed to libvips.
    public static let maxBytes = 50 * 1024 * 1024

    let vipsProgram: String?
    let limits: Limits

    /// Finds `vips` in `/usr/bin` (or `/usr/local/bin`) unless given.
    public init(vipsProgram: String? = nil, limits: Limits = Limits()) {
        self.vipsProgram = vipsProgram ?? Self.locate("vips")
        self.limits = limits
    }

    /// Whether libvips' program is installed.
    public var isAvailable: Bool { vipsProgram != nil }

    /// Makes every copy of `bytes` into `folder`, named `baseName-WIDTH-HASH.webp`/`.jpg` and, for
    /// the crops, `baseName-social-HASH.jpg` (`wide`, `standard`, `square`), where HASH comes from the copy's own bytes: a name is never
    /// reused for other bytes, so copies may be cached for ever. Nothing is left in `folder` when
    /// it fails.
    ///
    /// - Parameter baseName: letters, digits, `-` and `_` only (the original's random name).
    public func makeVariants(
        of bytes: [UInt8], baseName: String, into folder: String, focus: FocalPoint = .centre
    ) async throws(ResizeFailure) -> [ImageVariant] {
        guard let vipsProgram else { throw .toolMissing("vips") }
        guard !baseName.isEmpty,
            baseName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) })
        else { throw .badOutput("the name \(baseName) is not a media name") }
        let info: ImageInfo
        switch ImageInspector.inspect(bytes, maxBytes: Self.maxBytes) {
        case .success(let found): info = found
        case .failure(let reason): throw .refused(reason)
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nashra-resize-" + UUID().uuidString, isDirectory: true
        ).path
        var made: [String] = []
        do {
            try Self.createFolder(work)
            defer { try? FileManager.default.removeItem(atPath: work) }
            let input = work + "/original." + info.format.fileExtension
            guard FileManager.default.createFile(atPath: input, contents: Data(bytes)) else {
                throw ResizeFailure.unavailable("no room for a working copy")
            }
            // An oriented copy first (rotated as the camera said, never enlarged): its width is the
            // picture's as shown, which a portrait photo's header does not give, and the crops are
            // cut from it.
            let reference = work + "/reference.jpg"
            try await thumbnail(
                vipsProgram, input, to: reference + "[Q=92,strip]", width: ImageVariantPlan.widths.last!)
            let shown = try Self.inspectOutput(reference, name: "reference", format: .jpeg, purpose: .width)
            var variants: [(variant: ImageVariant, path: String)] = []
            for width in ImageVariantPlan.widths(forOriginalWidth: shown.width).reversed() {
                for format in [ImageFormat.webp, .jpeg] {
                    let output = work + "/\(width).\(format.fileExtension)"
                    try await thumbnail(vipsProgram, input, to: output + Self.saveOptions(format), width: width)
                    let variant = try Self.inspectOutput(
                        output, name: "\(baseName)-\(width)", format: format, purpose: .width)
                    variants.append((variant, output))
                }
            }
            for crop in ImageVariantPlan.crops {
                let box = ImageVariantPlan.crop(
                    width: shown.width, height: shown.height, proportions: (crop.width, crop.height), focus: focus)
                let name = crop.purpose.rawValue
                let cropped = work + "/\(name).png"
                try await run(
                    vipsProgram,
                    ["crop", reference, cropped, "\(box.left)", "\(box.top)", "\(box.width)", "\(box.height)"])
                let output = work + "/\(name).jpg"
                try await thumbnail(vipsProgram, cropped, to: output + Self.saveOptions(.jpeg), width: crop.width)
                let variant = try Self.inspectOutput(
                    output, name: "\(baseName)-\(name)", format: .jpeg, purpose: crop.purpose)
                variants.append((variant, output))
            }
            // Only whole, checked files reach the media folder.
            try Self.createFolder(folder)
            for (variant, path) in variants {
                let target = folder + "/" + variant.fileName
                try? FileManager.default.removeItem(atPath: target)
                do {
                    try FileManager.default.moveItem(atPath: path, toPath: target)
                    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
                } catch {
                    throw ResizeFailure.unavailable("could not store \(variant.fileName)")
                }
                made.append(target)
            }
            return variants.map(\.variant)
        } catch {
            for path in made { try? FileManager.default.removeItem(atPath: path) }
            throw error as? ResizeFailure ?? .unavailable(String(describing: error))
        }
    }

    /// `vips thumbnail`: at most `width` wide, never enlarged, rotated upright, refusing a truncated
    /// or corrupt file rather than filling it in.
    func thumbnail(_ vips: String, _ input: String, to output: String, width: Int) async throws(ResizeFailure) {
        try await run(
            vips,
            ["thumbnail", input, output, "\(width)", "--height", "100000", "--size", "down", "--fail-on", "truncated"])
    }

    /// libvips' save options: stripped of metadata; WebP and a progressive JPEG of good quality.
    static func saveOptions(_ format: ImageFormat) -> String {
        format == .webp ? "[Q=75,strip]" : "[Q=80,strip,optimize_coding,interlace]"
    }

    /// Checks the file libvips wrote and names it `name-HASH.EXTENSION` after its bytes.
    static func inspectOutput(_ path: String, name: String, format: ImageFormat, purpose: ImageVariant.Purpose)
        throws(ResizeFailure) -> ImageVariant
    {
        guard let data = FileManager.default.contents(atPath: path) else { throw .badOutput("\(name) was not written") }
        var bytes = [UInt8](data)
        if format == .webp {
            guard case .success(let stripped) = ImageCleaner.webpWithoutMetadata(bytes) else {
                throw .badOutput("\(name) is not a whole WebP file")
            }
            if stripped != bytes {
                bytes = stripped
                guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                    throw .badOutput("\(name) could not be rewritten")
                }
            }
        }
        switch ImageInspector.inspect(bytes, maxBytes: Self.maxBytes) {
        case .success(let info) where info.format == format:
            let hash = SHA256.hash(data: bytes).prefix(6).map { String(format: "%02x", $0) }.joined()
            return ImageVariant(
                purpose: purpose, format: format, width: info.width, height: info.height,
                fileName: "\(name)-\(hash).\(format.fileExtension)", bytes: bytes.count)
        case .success(let info): throw .badOutput("\(name) is \(info.format.rawValue)")
        case .failure(let reason): throw .badOutput("\(name): \(reason)")
        }
    }

    /// Runs one program under the limits; throws with its last error line when it fails.
    func run(_ program: String, _ arguments: [String]) async throws(ResizeFailure) {
        let child = ChildProcess()
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-vips-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: errors) }
        let result: (Process.TerminationReason, Int32)
        do {
            result = try await child.run(
                "/bin/sh",
                // `ulimit` in the shell, then `exec`: the limits hold for libvips and for nothing else.
                [
                    "-c",
                    "ulimit -t \(limits.cpuSeconds) && ulimit -v \(limits.memoryBytes / 1024) && exec \"$0\" \"$@\"",
                    program,
                ] + arguments,
                environment: [
                    "VIPS_BLOCK_UNTRUSTED": "1", "VIPS_CONCURRENCY": "1", "LC_ALL": "C", "PATH": "/usr/bin:/bin",
                ],
                errors: errors, wallClockSeconds: limits.wallClockSeconds)
        } catch {
            throw .unavailable("\(program) did not start: \(error)")
        }
        if child.timedOut { throw .timedOut(seconds: limits.wallClockSeconds) }
        let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        guard result.0 == .exit, result.1 == 0 else {
            let message = said.split(separator: "\n").first(where: { !$0.isEmpty }).map(String.init)
            let how = result.0 == .exit ? "exit status \(result.1)" : "signal \(result.1)"
            throw .failed(message.map { "\($0) (\(how))" } ?? how)
        }
        // libvips 8.14 decodes a JPEG with corrupt pixel data ("bad Huffman code") to grey blocks,
        // says so on stderr and exits 0 whatever `--fail-on` asks: a warning refuses the picture,
        // as sharp's default (failOn "warning") does.
        if let warning = Self.decoderWarning(in: said) { throw .failed(warning) }
    }

    /// The first warning libvips printed about the picture, if any.
    static func decoderWarning(in stderr: String) -> String? {
        // "(vips:123): VIPS-WARNING **: 08:30:00.624: VipsJpeg: Corrupt JPEG data: bad Huffman code"
        let warnings = stderr.split(separator: "\n").filter { $0.contains("WARNING") }.map { line in
            line.firstMatch(of: /WARNING \*\*: [0-9:.]+: (.+)/).map { String($0.output.1) } ?? String(line)
        }
        // The loader's own words rather than the count ("read gave 1 warnings").
        return warnings.first { !$0.hasPrefix("read gave") } ?? warnings.first
    }

    static func createFolder(_ path: String) throws(ResizeFailure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .unavailable("could not create \(path)")
        }
    }

    static func locate(_ program: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + program }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// A child process awaited without holding a thread, killed when it outlives its wall-clock limit.
final class ChildProcess: @unchecked Sendable {
    private let lock = NSLock()
    private var killedForTime = false

    var timedOut: Bool { lock.withLock { killedForTime } }

    func run(
        _ executable: String, _ arguments: [String], environment: [String: String], errors: URL,
        wallClockSeconds: Int
    ) async throws -> (Process.TerminationReason, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        // A file, not a pipe: a chatty program can never block on a full pipe nobody reads.
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        process.standardError = errorHandle
        let watchdog = Task { [weak self] in
            try await Task.sleep(for: .seconds(wallClockSeconds))
            guard let self, process.isRunning else { return }
            self.lock.withLock { self.killedForTime = true }
            kill(process.processIdentifier, SIGKILL)
        }
        defer { watchdog.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: (finished.terminationReason, finished.terminationStatus))
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }
}
