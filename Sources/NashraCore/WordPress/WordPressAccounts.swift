import Foundation

/// Newsroom accounts for a WordPress site's authors (`--accounts`): one per author with an email,
/// tied to the byline the import made, with the role `author` and no password — it cannot sign in
/// until `nashra user passwd` sets one.
public enum WordPressAccounts {
    /// Stands where a bcrypt hash would: no password ever matches it.
    public static let noPassword = "!no-password-set"

    /// Creates the accounts; counts go into `report` under `accounts`.
    public static func create(
        for site: WordPressSite, in store: some ContentStore & NewsroomStore, now: Date,
        report: inout WordPressImportReport
    ) async throws {
        let mapping = WordPressMapping(site: site)
        for author in site.authors.values.sorted(by: { $0.login < $1.login }) {
            func skip(_ reason: String) {
                report.skipped.append(
                    ImportSkip(line: author.line, kind: "account", reason: "\(author.login): \(reason)"))
                report.count("accounts") { $0.skipped += 1 }
            }
            let email = NewUser.normalizedEmail(author.email)
            guard !email.isEmpty else {
                skip("no email")
                continue
            }
            if try await store.user(email: email) != nil {
                report.count("accounts") { $0.updated += 1 }
                continue
            }
            guard let byline = try await store.author(slug: mapping.authorSlug(author.login)) else {
                skip("no byline")
                continue
            }
            let name = mapping.authorName(author)
            let account = NewUser(
                email: email, name: name, role: .author, passwordHash: noPassword, authorID: byline.id)
            do {
                try NewUser.validate(email: email, name: name)
            } catch let error as ValidationError {
                skip("\(error.field) is not valid")
                continue
            }
            _ = try await store.createUser(account, now: now)
            report.count("accounts") { $0.imported += 1 }
        }
    }
}
