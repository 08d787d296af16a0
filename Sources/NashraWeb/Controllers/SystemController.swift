import Hummingbird
import NashraCore

/// Health check and the theme's static assets.
struct SystemController<Store: ContentStore>: Sendable {
    let store: Store
    let theme: Theme

    func register(on router: Router<some RequestContext>) {
        router.get("/healthz") { _, _ in
            do {
                try await store.ping()
                return Self.plain(.ok, "ok\n")
            } catch {
                return Self.plain(.serviceUnavailable, "database unavailable\n")
            }
        }
        router.get("/assets/:name") { request, context in
            guard let name = context.parameters.get("name"), let asset = theme.asset(named: name) else {
                throw HTTPError(.notFound)
            }
            return asset.response(to: request)
        }
        router.get("/favicon.ico") { request, _ in
            guard let asset = theme.assets["favicon.svg"] else { throw HTTPError(.notFound) }
            return asset.revalidated.response(to: request)
        }
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
