/// Share links of the article page: plain links carrying the URL-encoded canonical URL, no
/// third-party script, nothing loaded from another host until the reader clicks.
struct ShareLink: Sendable, Encodable {
    /// Short name for the CSS class and tests: facebook, x, whatsapp, telegram, linkedin, email, copy.
    let network: String
    let label: String
    let url: String
    /// Opens in a new tab (not for email or copy).
    let external: Bool

    static func all(canonicalURL: String, title: String, localizer: Localizer) -> [ShareLink] {
        let url = SiteURLs.encode(canonicalURL)
        let text = SiteURLs.encode(title)
        return [
            ShareLink(
                network: "facebook", label: localizer.text("share_facebook"),
                url: "https://www.facebook.com/sharer/sharer.php?u=\(url)", external: true),
            ShareLink(
                network: "x", label: localizer.text("share_x"),
                url: "https://x.com/intent/tweet?url=\(url)&text=\(text)",
                external: true),
            ShareLink(
                network: "whatsapp", label: localizer.text("share_whatsapp"),
                url: "https://wa.me/?text=\(text)%20\(url)", external: true),
            ShareLink(
                network: "telegram", label: localizer.text("share_telegram"),
                url: "https://t.me/share/url?url=\(url)&text=\(text)", external: true),
            ShareLink(
                network: "linkedin", label: localizer.text("share_linkedin"),
                url: "https://www.linkedin.com/sharing/share-offsite/?url=\(url)", external: true),
            ShareLink(
                network: "email", label: localizer.text("share_email"), url: "mailto:?subject=\(text)&body=\(url)",
                external: false),
            // Without JavaScript this is the canonical link itself; site.js turns it into a copy button.
            ShareLink(network: "copy", label: localizer.text("share_copy"), url: canonicalURL, external: false),
        ]
    }
}
