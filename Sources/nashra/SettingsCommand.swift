import ArgumentParser
import NashraCore

/// `nashra settings`: show or change site settings.
struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show or change site settings (name, tagline, language, calendar, timeZone, pageSize).",
        subcommands: [Show.self, Set.self],
        defaultSubcommand: Show.self
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every setting as KEY=VALUE.")
        @OptionGroup var options: DataOptions

        func run() async throws {
            let backend = try await options.openBackend()
            defer { backend.close() }
            let store = backend.store
            let settings = try await store.settings()
            for key in SiteSettings.keys {
                print("\(key)=\(settings.value(for: key) ?? "")")
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change one setting.",
            discussion:
                "Examples: nashra settings set language en; nashra settings set calendar hijri; nashra settings set timeZone Asia/Riyadh"
        )
        @OptionGroup var options: DataOptions
        @Argument(help: "The setting's name.") var key: String
        @Argument(help: "The new value.") var value: String

        func run() async throws {
            let backend = try await options.openBackend()
            defer { backend.close() }
            let store = backend.store
            var settings = try await store.settings()
            do {
                try settings.set(key, to: value)
            } catch let error as NashraCore.ValidationError {
                throw ArgumentParser.ValidationError(
                    "setting \(error); known settings: \(SiteSettings.keys.joined(separator: ", "))")
            }
            try await store.saveSettings(settings)
            print("\(key)=\(settings.value(for: key) ?? "")")
        }
    }
}
