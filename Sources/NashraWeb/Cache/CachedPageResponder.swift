import HTTPTypes
import Hummingbird
import NashraCore

/// Answers a GET from the page cache before the router sees it, when the request's own path and
/// query name a page the cache holds: the same bytes and headers the route would send from the
/// cache, without resolving the route (which costs most on long percent-encoded Arabic slugs).
///
/// Whatever could make the answer personal sends the request on to the router: a newsroom session
/// (staff get private pages), a pending comment or saved comment details. So does a due check of
/// the content version, which the router's path performs.
struct CachedPageResponder<Next: HTTPResponder>: HTTPResponder where Next.Context == NashraRequestContext {
    let next: Next
    let cache: PageCache
    let clock: any NashraClock
    /// Under an https base URL, as ``SecurityHeadersMiddleware`` adds it.
    let strictTransport: Bool

    func respond(to request: Request, context: NashraRequestContext) async throws -> Response {
        guard request.method == .get, !PersonalCookies.present(in: request.headers[values: .cookie]),
            let page = cache.readyPage(for: request.uri.description, now: clock.now)
        else { return try await next.respond(to: request, context: context) }
        cache.countAnswer(direct: false)
        var response = page.response(to: request)
        response.headers.append(contentsOf: securityFields)
        if strictTransport {
            response.headers[.strictTransportSecurity] = SecurityHeadersMiddleware<NashraRequestContext>.hsts
        }
        return response
    }
}

/// The cookies that make a public page private or personal.
enum PersonalCookies {
    /// A newsroom session, a pending comment and saved details, under either spelling of the names.
    static let names: Set<Substring> = {
        let names = ["nashra_session", ReaderCookies.pendingName, ReaderCookies.commenterName]
        return Set(names.flatMap { [Substring($0), Substring("__Host-" + $0)] })
    }()

    /// Whether the `Cookie` headers carry a session, a pending comment or saved details.
    static func present(in headers: [String]) -> Bool {
        Self.names(in: headers).contains { names.contains($0) }
    }

    /// The names of the cookies in `Cookie` headers, as sent.
    static func names(in headers: [String]) -> [Substring] {
        headers.flatMap { $0.split(separator: ";").map { $0.drop { $0 == " " }.prefix { $0 != "=" } } }
    }
}
