import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NashraCore

/// Turns errors into HTML pages in the site's language. Internals go to the log with the request id,
/// never to the page.
struct ErrorPageMiddleware<Context: RequestContext, Store: ContentStore>: RouterMiddleware {
    let pages: ErrorPages<Store>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            if error.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            }
            var response = await pages.response(status: error.status, request: request)
            if let httpError = error as? HTTPError {
                // Keep what the handler meant the client to see, like Retry-After on a 429.
                for field in httpError.headers where response.headers[field.name] == nil {
                    response.headers.append(field)
                }
            }
            return response
        } catch let error where Self.isClientGone(error) {
            // The client stopped sending (aborted upload, closed tab, cut-off slow client): nothing
            // went wrong here, and nobody is left to read an error page.
            context.logger.info("client went away", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return Response(status: .badRequest)
        } catch {
            context.logger.error(
                "request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            return await pages.response(status: .internalServerError, request: request)
        }
    }
}

extension ErrorPageMiddleware {
    /// Errors that mean the connection ended mid-request, not that the server failed.
    static func isClientGone(_ error: any Error) -> Bool {
        switch error {
        case is CancellationError: return true
        case let parser as HTTPParserError: return parser == .invalidEOFState
        case let channel as ChannelError:
            return channel == .ioOnClosedChannel || channel == .eof || channel == .alreadyClosed
        default: return false
        }
    }
}

/// Renders error pages; falls back to plain text when even the store or theme fails.
struct ErrorPages<Store: ContentStore>: Sendable {
    let site: Site<Store>

    /// Error pages do not depend on the URL, so each is rendered once per content version: a flood
    /// of random URLs or refused posts costs no more than a flood of cached site.
    static func key(for status: HTTPResponse.Status) -> String { "\u{0}error-\(status.code)" }

    func response(status: HTTPResponse.Status, request: Request) async -> Response {
        let now = site.clock.now
        let key = Self.key(for: status)
        if site.cache.lookup(key, now: now).versionCheckDue {
            await site.cache.revalidate(against: site.store, now: now)
        }
        if let page = site.cache.page(for: key, now: now) { return page.response(to: request) }
        do {
            let version = try await site.cache.renderVersion(with: site.store)
            let context = try await site.renderContext(now: now)
            let localizer = context.localizer
            let textKey =
                switch status.code {
                case 404: "not_found"
                case 403: "forbidden"
                case 413: "too_large"
                case 429: "rate_limited"
                default: "error"
                }
            let content = ErrorContent(
                status: status.code, heading: localizer.text("\(textKey)_title"),
                message: localizer.text("\(textKey)_message"),
                homeURL: site.urls.home, searchURL: site.urls.search)
            let html = context.render(
                content, template: .error, title: content.heading, description: content.message, canonicalPath: nil,
                noindex: true)
            let page = RenderedPage(
                status: status, contentType: Site<Store>.htmlType, cacheControl: "no-store", body: html)
            // Only settings and sections change it, and those changes drop every page.
            let kept = site.cache.store(page, for: key, keys: [], renderedAt: version, now: now)
            return (kept ?? page).response(to: request)
        } catch {
            return Response(
                status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: "\(status.code) \(status.reasonPhrase)\n")))
        }
    }
}
