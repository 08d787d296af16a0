import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import Testing

/// Under an https base URL: HSTS, and cookies only a secure origin can set (`__Host-`, `Secure`).
@Suite("HTTPS habits")
struct HTTPSHabitsTests {
    static func attributes(_ setCookie: String) -> (name: String, attributes: Set<String>) {
        let parts = setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let name = String(parts[0].split(separator: "=")[0])
        return (name, Set(parts.dropFirst().map { $0.lowercased() }))
    }

    @Test func httpsSitesSendHSTSAndHostPrefixedSecureCookies() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        try await harness.withClient { client async throws in
            let login = try await client.get("/admin/login")
            #expect(
                login.headers[values: HTTPField.Name("Strict-Transport-Security")!] == [
                    "max-age=63072000; includeSubDomains"
                ])
            #expect(try await client.get("/").headers[HTTPField.Name("Strict-Transport-Security")!] != nil)
            let reader = Self.attributes(try #require(login.headers[.setCookie]))
            #expect(reader.name == "__Host-nashra_reader")
            #expect(reader.attributes.isSuperset(of: ["secure", "httponly", "path=/", "samesite=lax"]))
            #expect(!reader.attributes.contains { $0.hasPrefix("domain=") })

            let admin = NewsroomSession(client)
            let signedIn = try await admin.signIn("a@example.org")
            let session = try #require(
                signedIn.headers[values: .setCookie].map(Self.attributes).first { $0.name.contains("session") })
            #expect(session.name == "__Host-nashra_session")
            #expect(session.attributes.isSuperset(of: ["secure", "httponly", "path=/"]))
            // A cookie without the prefix is not ours under https: it could come from a sibling subdomain.
            let planted = try await client.get(
                "/admin", headers: [.cookie: "nashra_session=" + (admin.browser.cookies["__Host-nashra_session"] ?? "")]
            )
            #expect(planted.status == .seeOther, "the unprefixed name signs no one in")
            #expect(try await admin.browser.get("/admin").status == .ok)
        }
    }

    @Test func plainHTTPSitesSendNeitherHSTSNorPrefixes() async throws {
        let harness = try WebHarness()
        try await harness.withClient(baseURL: "http://127.0.0.1:8080") { client async throws in
            let login = try await client.get("/admin/setup")
            #expect(login.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
            let reader = Self.attributes(try #require(login.headers[.setCookie]))
            #expect(reader.name == "nashra_reader")
            #expect(!reader.attributes.contains("secure"))
        }
    }
}
