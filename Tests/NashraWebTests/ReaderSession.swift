import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraTestSupport

/// A browser in miniature for route tests: keeps cookies, sends Origin on posts, finds the form token.
final class ReaderSession: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// Every body this reader received, to prove what never appears in them.
    var bodies: [String] = []
    /// The address a trusted proxy reports for this browser (`X-Forwarded-For`), if any.
    var forwardedFor: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    func get(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        if let forwardedFor { headers[HTTPField.Name("X-Forwarded-For")!] = forwardedFor }
        let response = try await client.executeRequest(uri: path, method: .get, headers: headers, body: nil)
        keep(response)
        return response
    }

    func page(_ path: String) async throws -> (TestResponse, HTMLDocument) {
        let response = try await get(path)
        return (response, HTMLDocument(String(buffer: response.body)))
    }

    /// Posts a form as a browser on the site would (Origin of the site, urlencoded body).
    func post(_ path: String, _ fields: [(String, String)], origin: String? = WebHarness.baseURL) async throws
        -> TestResponse
    {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let origin { headers[.origin] = origin }
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        if let forwardedFor { headers[HTTPField.Name("X-Forwarded-For")!] = forwardedFor }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await client.executeRequest(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// The token of the comment form on an article page.
    func token(for articlePath: String) async throws -> String {
        let (_, page) = try await self.page(articlePath)
        return page.first("//form[contains(@class,'comment-form')]//input[@name='_token']")?["value"] ?? ""
    }

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    private func keep(_ response: TestResponse) {
        bodies.append(String(buffer: response.body))
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[1].isEmpty || field.value.contains("Max-Age=0") {
                cookies[parts[0]] = nil
            } else {
                cookies[parts[0]] = parts[1]
            }
        }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
