import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraTestSupport

/// A newsroom user's browser for route tests: signs in through the form and sends each page's CSRF token.
final class NewsroomSession: @unchecked Sendable {
    let browser: ReaderSession

    init(_ client: any TestClientProtocol) {
        browser = ReaderSession(client)
    }

    /// Posts the sign-in form as a browser would; returns the answer.
    @discardableResult
    func signIn(_ email: String, password: String = "correct-horse-battery") async throws -> TestResponse {
        let (_, login) = try await browser.page("/admin/login")
        let token = login.first("//form[@id='login-form']//input[@name='_csrf']")?["value"] ?? ""
        return try await browser.post(
            "/admin/login", [("_csrf", token), ("email", email), ("password", password), ("next", "")])
    }

    /// The `_csrf` value of the first form on `path`.
    func csrf(on path: String = "/admin") async throws -> String {
        let (_, page) = try await browser.page(path)
        return page.first("//input[@name='_csrf']")?["value"] ?? ""
    }

    /// Posts `fields` with the session's CSRF token added.
    func post(_ path: String, _ fields: [(String, String)], origin: String? = WebHarness.baseURL) async throws
        -> TestResponse
    {
        try await browser.post(path, [("_csrf", try await csrf())] + fields, origin: origin)
    }

    /// Fields of a complete article form.
    static func article(
        title: String, section: Int64, status: String = "published", body: String = "فقرة **مهمة** من الخبر.",
        extra: [(String, String)] = []
    ) -> [(String, String)] {
        [
            ("title", title), ("slug", ""), ("summary", "ملخص \(title)"), ("body", body), ("section", String(section)),
            ("tags", "اختبار، غرفة الأخبار"), ("status", status), ("published_at", ""), ("comments_open", "on"),
            ("autosave_key", "new-test"),
        ] + extra
    }

    /// Posts a multipart upload of one file (plus the CSRF token) to the media library.
    func upload(
        _ name: String, _ bytes: [UInt8], type: String = "application/octet-stream", to path: String = "/admin/media",
        fields: [(String, String)] = [], csrf given: String? = nil, accept: String? = nil
    ) async throws
        -> TestResponse
    {
        let boundary = "----nashra-test-boundary"
        var body: [UInt8] = []
        var csrf = given ?? ""
        if given == nil { csrf = try await self.csrf(on: path) }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        for (key, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n"
                .utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [
            .contentType: "multipart/form-data; boundary=\(boundary)", .origin: WebHarness.baseURL,
        ]
        headers[.cookie] = browser.cookieHeader
        if let accept { headers[.accept] = accept }
        return try await browser.client.executeRequest(
            uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }
}
