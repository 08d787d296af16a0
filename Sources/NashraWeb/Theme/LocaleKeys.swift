import NashraCore

/// The interface strings the Swift code asks a locale for. A theme whose locale lacks one of these,
/// or a key its own templates use (`{{t.KEY}}`), refuses to load, naming the language and the key;
/// `ThemeTests` checks that this list names every key the code uses.
enum LocaleKeys {
    /// Keys named literally in the code.
    static let literal: Set<String> = [
        "admin_account", "admin_account_failed_row", "admin_all_authors", "admin_all_sections",
        "admin_article_count", "admin_autosave_signed_out", "admin_autosaved_at", "admin_done",
        "admin_error_current_password", "admin_error_duplicate", "admin_error_invalid", "admin_error_not_found",
        "admin_error_own_role", "admin_error_reply_too_long", "admin_error_required", "admin_error_too_long",
        "admin_form_expired", "admin_greeting", "admin_login_failed", "admin_login_throttled", "admin_login_title",
        "admin_media_count", "admin_media_missing", "admin_media_refused_format", "admin_error_focal",
        "admin_media_upload_failed", "admin_media_refused_name", "admin_nav_articles",
        "admin_page_edit", "admin_page_new", "admin_error_reserved", "admin_nav_audit", "admin_nav_authors",
        "admin_nav_comments", "admin_nav_dashboard", "admin_nav_media",
        "admin_nav_sections", "admin_nav_settings", "admin_nav_tags", "admin_nav_users", "admin_no_parent",
        "admin_password_changed", "admin_redirect_bad_from", "admin_redirect_bad_to", "admin_redirect_count",
        "admin_redirect_loop", "admin_redirect_newsroom", "admin_redirect_wordpress", "admin_import_missing",
        "admin_import_busy", "admin_import_state_running", "admin_import_state_finished", "admin_import_state_failed",
        "admin_pending_comments",
        "admin_preview_banner", "admin_revisions", "admin_saved",
        "admin_setup_bad_token", "admin_setup_title", "admin_status_all", "admin_title", "admin_uploaded",
        "comment_count", "error_invalid_email", "error_invalid_url", "error_too_long", "home", "page_of",
        "reading_time", "search_empty", "search_label", "search_no_results", "search_nothing_to_find",
        "search_result_count", "search_results_for", "search_title", "search_too_long", "share_copy", "share_email",
        "share_facebook", "share_linkedin", "share_telegram", "share_whatsapp", "share_x", "tag_intro",
    ]

    /// Keys the code builds from a prefix and a value of one of its types.
    static var computed: Set<String> {
        var keys = Set(PublishState.allCases.map { "admin_status_" + $0.rawValue })
        keys.formUnion(AuditAction.allCases.map { "admin_audit_" + $0.rawValue })
        keys.formUnion(Role.allCases.map { "admin_role_" + $0.rawValue })
        keys.formUnion(
            CommentStatus.allCases.flatMap { ["admin_comment_" + $0.rawValue, "admin_action_" + $0.rawValue] })
        keys.formUnion(AdminNavigation.items.map { "admin_nav_" + $0.key })
        keys.formUnion(MediaRefusal.keys.map { "admin_media_refused_" + $0 })
        keys.formUnion(MediaState.allCases.map { "admin_media_state_" + $0.rawValue })
        keys.formUnion(StaticPage.State.allCases.map { "admin_page_state_" + $0.rawValue })
        keys.formUnion(ImageVariantPlan.crops.map { "admin_media_crop_" + $0.purpose.rawValue })
        keys.formUnion(
            SiteSettings.cachingKeys.flatMap { ["admin_setting_" + $0, "admin_setting_\($0)_hint"] })
        return keys
    }

    /// Everything the code needs from every locale.
    static var required: Set<String> { literal.union(computed) }
}
