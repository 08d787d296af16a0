import ArgumentParser

/// The `nashra` command: serve the site and run newsroom chores.
@main
struct Nashra: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nashra",
        abstract: "Nashra (نشرة): an Arabic-first news publishing platform.",
        discussion: """
            Settings come from flags, then NASHRA_* environment variables, then a JSON config file \
            (--config or NASHRA_CONFIG), then defaults.
            """,
        subcommands: [
            Serve.self, CommentsCommand.self, ImportCommand.self, AnalyzeCommand.self, ReindexCommand.self,
            SettingsCommand.self, UserCommand.self, Seed.self, SearchBenchCommand.self, MigrateDataCommand.self,
            WordPressCommand.self, BackupCommand.self,
            RestoreCommand.self, MediaCommand.self,
        ]
    )
}
