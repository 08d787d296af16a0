import Foundation

/// Something done in the newsroom that someone may later need to account for.
public enum AuditAction: String, Sendable, Hashable, CaseIterable {
    case signIn = "sign_in"
    case signInFailed = "sign_in_failed"
    /// Attempts for an account refused unchecked: someone is guessing its password.
    case signInThrottled = "sign_in_throttled"
    case signOut = "sign_out"
    case userCreated = "user_created"
    case roleChanged = "role_changed"
    case userDeactivated = "user_deactivated"
    case userActivated = "user_activated"
    case passwordChanged = "password_changed"
    case articlePublished = "article_published"
    case articleScheduled = "article_scheduled"
    case articleUnpublished = "article_unpublished"
    case articleTrashed = "article_trashed"
    case articleRestored = "article_restored"
    case revisionRestored = "revision_restored"
    case settingsChanged = "settings_changed"
    case mediaUploaded = "media_uploaded"
    case mediaRefused = "media_refused"
    case mediaEdited = "media_edited"
    case wordpressImport = "wordpress_import"
    /// A static page created or edited in the newsroom.
    case pageSaved = "page_saved"
}

/// One line of the audit log.
public struct AuditEntry: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var at: Date
    public var action: AuditAction
    /// The user who acted, if signed in (nil for failed sign-ins and the scheduler).
    public var userID: Int64?
    /// The name of the user at the time (kept even if the user changes later).
    public var actorName: String
    /// What it was done to, e.g. "article 12" or an email that failed to sign in.
    public var target: String
    public var detail: String
    public var address: String

    public init(
        id: Int64 = 0, at: Date, action: AuditAction, userID: Int64?, actorName: String, target: String,
        detail: String = "", address: String = ""
    ) {
        self.id = id
        self.at = at
        self.action = action
        self.userID = userID
        self.actorName = actorName
        self.target = target
        self.detail = detail
        self.address = address
    }
}
