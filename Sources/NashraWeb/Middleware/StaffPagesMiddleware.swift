import HTTPTypes
import Hummingbird

/// Signed-in staff get the public pages as private responses: a shared cache must never keep (or
/// serve to staff) a copy fetched with a newsroom session, whatever a later theme puts on the page.
struct StaffPagesMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        guard Self.hasSession(request.headers[values: .cookie]),
            response.headers[.cacheControl]?.hasPrefix("public") == true
        else { return response }
        response.headers[.cacheControl] = "private, no-cache"
        response.headers[.surrogateKey] = nil
        response.headers[.cacheTag] = nil
        return response
    }

    /// Whether the `Cookie` headers carry a newsroom session (under either cookie name).
    static func hasSession(_ headers: [String]) -> Bool {
        PersonalCookies.names(in: headers).contains { $0 == "nashra_session" || $0 == "__Host-nashra_session" }
    }
}
