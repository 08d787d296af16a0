#!/usr/bin/env bash
# Article page throughput: Nashra (release build, cached page) beside nginx serving the same page
# as a pre-compressed static file (gzip_static), alternating the two in one run.
#
# Usage: bench/article-page.sh [rounds=3] [seconds=10] [connections=32]
# Needs wrk and nginx (installed from Debian's packages when missing and running as root).
# Writes bench/results/article-page.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
seconds="${2:-10}"
connections="${3:-32}"
export PATH="/opt/swift/usr/bin:$PATH"

for tool in wrk nginx; do
  if ! command -v "$tool" > /dev/null && ! [ -x "/usr/sbin/$tool" ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" > /dev/null
    else
      echo "missing $tool: run  sudo apt-get install -y wrk nginx" >&2
      exit 1
    fi
  fi
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

swift build -c release --product nashra --scratch-path .build-release 2>&1 | tail -1
binary=".build-release/release/nashra"

work="$(mktemp -d)"
cleanup() {
  kill "${nashra_pid:-}" 2> /dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
nashra_port="$(free_port)"
nginx_port="$(free_port)"

LOG_LEVEL=warning "$binary" serve --data "$work/data" --port "$nashra_port" > "$work/nashra.log" 2>&1 &
nashra_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$nashra_port/healthz" > /dev/null 2>&1 && break; sleep 0.1; done

base="http://127.0.0.1:$nashra_port"
mkdir -p "$work/www"
chmod 755 "$work" "$work/www"  # nginx workers run as an unprivileged user
curl -fs "$base/" -o "$work/home.html"
article_path="$(grep -m1 -o 'href="/news/[^"]*"' "$work/home.html" | sed -n 1p | cut -d'"' -f2)"
curl -fs "$base$article_path" -o "$work/www/article.html"
gzip -9 -k "$work/www/article.html"
chmod 644 "$work/www/"*
page_bytes=$(wc -c < "$work/www/article.html")
gzip_bytes=$(wc -c < "$work/www/article.html.gz")
nashra_gzip_bytes=$(curl -fs -H "Accept-Encoding: gzip" "$base$article_path" | wc -c)

cat > "$work/nginx.conf" << CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  gzip_static on;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location / { try_files \$uri =404; }
  }
}
CONF
"$nginx_bin" -c "$work/nginx.conf"
sleep 0.5
curl -fs -H "Accept-Encoding: gzip" -o /dev/null "http://127.0.0.1:$nginx_port/article.html"

measure() {
  wrk -t2 -c"$connections" -d"${seconds}s" -H "Accept-Encoding: gzip" "$1" \
    | awk '/Requests\/sec/ { print $2 }'
}

# The home page has no form, so it is a plain cached page; the article page also fills in each
# reader's form token (see SplicedBody), which is the case to watch.
curl -fs "$base/" -o "$work/www/home.html"
gzip -9 -k "$work/www/home.html"
chmod 644 "$work/www/"*

results=()
for round in $(seq 1 "$rounds"); do
  n=$(measure "$base$article_path")
  g=$(measure "http://127.0.0.1:$nginx_port/article.html")
  nh=$(measure "$base/")
  gh=$(measure "http://127.0.0.1:$nginx_port/home.html")
  ratio=$(python3 -c "print(f'{$n / $g:.2f}')")
  home_ratio=$(python3 -c "print(f'{$nh / $gh:.2f}')")
  echo "round $round: article nashra $n, nginx $g, ratio $ratio; home nashra $nh, nginx $gh, ratio $home_ratio"
  results+=("| $round | $n | $g | $ratio | $nh | $gh | $home_ratio |")
done

mkdir -p bench/results
{
  echo "# Article page: Nashra vs nginx gzip_static"
  echo
  echo "Command: \`bench/article-page.sh $rounds $seconds $connections\` on $(nproc) cores, $(date -u +%Y-%m-%d)."
  echo "wrk -t2 -c$connections -d${seconds}s with \`Accept-Encoding: gzip\`, the two servers alternating."
  echo "Page: $page_bytes bytes of HTML; $gzip_bytes bytes gzip -9 for nginx; $nashra_gzip_bytes bytes as Nashra sends it."
  echo
  echo "Nashra's article page carries a per-reader form token spliced into the cached, pre-compressed page"
  echo "(wrk sends no cookie, so every response also mints a reader id and sets its cookie); the home page"
  echo "is a plain cached page. nginx serves each page as a static .gz file."
  echo
  echo "| round | article: Nashra req/s | nginx req/s | ratio | home: Nashra req/s | nginx req/s | ratio |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${results[@]}"
} > bench/results/article-page.md
cat bench/results/article-page.md
