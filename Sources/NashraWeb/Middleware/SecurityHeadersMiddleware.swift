import HTTPTypes
import Hummingbird

/// Strict security headers on every response. Nothing on our pages comes from another host, so the
/// content security policy can allow only our own origin.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Under an https base URL browsers are told to use nothing else for two years, subdomains too.
    let strictTransport: Bool

    static var hsts: String { "max-age=63072000; includeSubDomains" }

    static var headers: [(HTTPField.Name, String)] {
        [
            (
                .contentSecurityPolicy,
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
                    + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
            ),
            (.xContentTypeOptions, "nosniff"),
            (.xFrameOptions, "DENY"),
            (.referrerPolicy, "strict-origin-when-cross-origin"),
            (.permissionsPolicy, "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
            (.crossOriginOpenerPolicy, "same-origin"),
            // Browsers' old XSS auditors could be turned against a page; "0" switches them off
            // (the content security policy does that job).
            (.xXSSProtection, "0"),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers.append(contentsOf: securityFields)
        if strictTransport { response.headers[.strictTransportSecurity] = Self.hsts }
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let permissionsPolicy = Self("Permissions-Policy")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
    static let strictTransportSecurity = Self("Strict-Transport-Security")!
    static let xXSSProtection = Self("X-XSS-Protection")!
}

/// The security headers as one value, computed on first use.
let securityFields: HTTPFields = {
    var fields = HTTPFields()
    for (name, value) in SecurityHeadersMiddleware<BasicRequestContext>.headers {
        fields.append(HTTPField(name: name, value: value))
    }
    return fields
}()
