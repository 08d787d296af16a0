vcl 4.1;

import std;

# Varnish in front of Nashra. Anonymous readers share cached pages; whoever carries a cookie that
# makes a page personal (a newsroom session, a pending comment, saved comment details) goes to
# Nashra. Nashra purges what a write changed: `PURGE` with `Surrogate-Key: KEY KEY…` (`all` for
# everything) from the addresses in `purgers`.
#
# Needs Varnish 6.6 or later (std.ban); tested with Debian's 7.1. Start it with the backend's
# address, e.g.
#   varnishd -a :6081 -f /path/to/nashra.vcl -p vcl_path=… -s malloc,256m
# and run Nashra with `--purge-url http://127.0.0.1:6081/`. Edit the backend below (or let the
# test write its own copy) for other hosts and ports.

backend nashra {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.Surrogate-Key) {
            return (synth(400, "Surrogate-Key required"));
        }
        if (req.http.Surrogate-Key == "all") {
            set req.http.X-Ban = "obj.status != 0";
        } else {
            # Keys are lowercase words and dashes (article-12, home); anything else is refused so
            # a purge can never inject into the ban expression.
            if (req.http.Surrogate-Key !~ "^[a-z0-9 -]+$") {
                return (synth(400, "Bad Surrogate-Key"));
            }
            # A key is bounded by anything that cannot be part of one. The ban parser splits its
            # argument at spaces and rejects backslashes, so the regex has neither.
            set req.http.X-Ban = "obj.http.Surrogate-Key ~ (^|[^a-z0-9-])(" +
                regsuball(regsuball(req.http.Surrogate-Key, "^ +| +$", ""), " +", "|") + ")([^a-z0-9-]|$)";
        }
        # std.ban says whether the ban was taken, so a bad one is an error, not a silent 200.
        if (!std.ban(req.http.X-Ban)) {
            return (synth(500, "Ban refused: " + std.ban_error()));
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin" || req.url ~ "^/healthz") {
        return (pass);
    }
    # Marketing parameters do not change a page.
    set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid)=[^&]*", "\1");
    set req.url = regsuball(req.url, "[?&]+$", "");
    if (req.http.Cookie ~ "(^|; ?)(__Host-)?nashra_(session|pending|commenter)=") {
        return (pass);
    }
    # Any other cookie (the reader id, analytics) does not change what Nashra sends.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Nashra marks what may be shared; anything private or with a cookie is never stored.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private|no-store") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    # Bans test obj.http.Surrogate-Key only, so the ban lurker can clear them in the background.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
