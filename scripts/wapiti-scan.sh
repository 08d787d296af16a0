#!/usr/bin/env bash
# An outside scanner against a running demo site: Debian's wapiti, signed in to the newsroom as an
# administrator, on loopback only, bounded in time. The site runs as in production: behind nginx
# terminating TLS (a throwaway self-signed certificate) with an https base URL, so HSTS and secure
# cookies are what is scanned. Writes security/wapiti/report.json and prints the findings by
# category; exits 1 if the server died during the scan or wapiti found anything.
# Usage: scripts/wapiti-scan.sh [path/to/nashra] [max-scan-seconds]   (defaults: .build/debug/nashra, 420)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build/debug/nashra}"
max_scan="${2:-420}"
# wapiti asks for brotli, which its Python can only read with python3-brotli.
missing=()
for package in wapiti python3-brotli nginx; do
  dpkg -s "$package" > /dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
fi
work="$(mktemp -d)"
trap 'kill "${server_pid:-}" "${nginx_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port="$(free_port)"
tls_port="$(free_port)"
base="https://127.0.0.1:$tls_port"
printf '%s\n' 'scan-password-0123' |
  "$binary" user add --data "$work/data" --email scan@example.org --name 'Scanner' --role admin > /dev/null
"$binary" serve --data "$work/data" --port "$port" --base-url "$base" --trust-proxy > "$work/server.log" 2>&1 &
server_pid=$!

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2> /dev/null
mkdir -p "$work/nginx"
cat > "$work/nginx.conf" << CONF
user root;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  client_max_body_size 12m;
  server {
    listen 127.0.0.1:$tls_port ssl;
    ssl_certificate $work/cert.pem;
    ssl_certificate_key $work/key.pem;
    location / {
      proxy_pass http://127.0.0.1:$port;
      proxy_http_version 1.1;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
for _ in $(seq 1 100); do
  curl -fsk "$base/healthz" > /dev/null 2>&1 && break
  sleep 0.2
done

# Sign in as a browser would: the form's token is bound to the reader cookie of the same jar.
jar="$work/jar"
curl -fsk -c "$jar" "$base/admin/login" -o "$work/login.html"
token="$(grep -o 'name="_csrf" value="[^"]*"' "$work/login.html" | head -1 | cut -d'"' -f4)"
curl -fsk -b "$jar" -c "$jar" -o /dev/null -H "Origin: $base" --data-urlencode "_csrf=$token" \
  --data-urlencode "email=scan@example.org" --data-urlencode "password=scan-password-0123" \
  --data-urlencode "next=" "$base/admin/login"
python3 - "$jar" "$work/cookies.json" << 'PY'
import json, sys
cookies = {}
for line in open(sys.argv[1]):
    if line.startswith("#HttpOnly_"):
        line = line[len("#HttpOnly_"):]
    elif line.startswith("#") or not line.strip():
        continue
    domain, _, path, secure, expires, name, value = line.rstrip("\n").split("\t")
    cookies.setdefault(domain, {}).setdefault(path, {})[name] = {
        "value": value, "version": 0, "secure": secure == "TRUE", "expires": None, "port": None}
assert any(name.endswith("nashra_session") for paths in cookies.values() for names in paths.values() for name in names), cookies
json.dump(cookies, open(sys.argv[2], "w"))
PY

echo "== wapiti on $base (signed in, at most ${max_scan} s)"
report="security/wapiti/report.json"
set +e
# Debian's wapiti 3.0.4 compiles `-x` patterns with inline flags at the end, which Python 3.11
# refuses ("global flags not at the start"); the same function with the flags first stands in.
"$(head -1 "$(command -v wapiti)" | sed "s/^#!//")" - -u "$base/" --scope folder -c "$work/cookies.json" -x "$base/admin/logout" \
  --max-scan-time "$max_scan" --max-attack-time 60 -t 10 --flush-session --verify-ssl 0 \
  -f json -o "$report" > "$work/wapiti.log" 2>&1 << 'PY'
import re, sys
import wapitiCore.net.crawler as crawler
from wapitiCore.main.wapiti import wapiti_main

def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")

crawler.wildcard_translate = wildcard_translate
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
PY
wapiti_status=$?
set -e
tail -5 "$work/wapiti.log"

alive=1
kill -0 "$server_pid" 2> /dev/null || alive=0
curl -fsk "$base/healthz" > /dev/null || alive=0
python3 - "$report" "$alive" << 'PY'
import json, sys
report = json.load(open(sys.argv[1]))
found = {name: items for name, items in report.get("vulnerabilities", {}).items() if items}
anomalies = {name: items for name, items in report.get("anomalies", {}).items() if items}
info = report.get("infos", {})
print(f"wapiti {info.get('version', '?')}, target {info.get('target', '?')}")
for kind, items in (("vulnerability", found), ("anomaly", anomalies)):
    for name, entries in items.items():
        print(f"{kind}: {name}: {len(entries)}")
        for entry in entries:
            print(f"  {entry.get('method')} {entry.get('path')} {entry.get('parameter', '')}: {entry.get('info', '')}")
print(f"findings: {sum(map(len, found.values()))} vulnerabilities, {sum(map(len, anomalies.values()))} anomalies; "
      f"server {'alive' if sys.argv[2] == '1' else 'DEAD'}")
sys.exit(0 if not found and not anomalies and sys.argv[2] == "1" else 1)
PY
