#!/usr/bin/env bash
# Public pages side by side in one run (release build, demo content, SQLite), each round alternating:
#   - Nashra's cached article and home pages against nginx serving the same bytes as static
#     pre-compressed files (gzip_static): requests/s, the ratio, and Nashra's p99 latency;
#   - Debian's Varnish with deploy/varnish/nashra.vcl in front of Nashra, against nginx;
#   - Nashra with its page cache off (`--page-cache-mb 0`): every article page rendered anew.
# Then the page weight: bytes on the wire (gzip) for the home and article pages with the stylesheet
# and script they load (the theme uses the reader's own fonts, so there are none to fetch).
#
# Usage: bench/article-page.sh [rounds=3] [seconds=10] [connections=32]
# Needs wrk, nginx and varnish (installed from Debian's packages when missing and running as root).
# Writes bench/results/article-page.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
seconds="${2:-10}"
connections="${3:-32}"
export PATH="/opt/swift/usr/bin:$PATH"
# shellcheck source=bench/lib.sh
source bench/lib.sh

for tool in wrk nginx varnishd; do
  if ! command -v "$tool" > /dev/null && ! [ -x "/usr/sbin/$tool" ]; then
    package="$tool"
    [ "$tool" = varnishd ] && package=varnish
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" > /dev/null
    else
      echo "missing $tool: run  sudo apt-get install -y wrk nginx varnish" >&2
      exit 1
    fi
  fi
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
varnishd_bin="$(command -v varnishd || echo /usr/sbin/varnishd)"

swift build -c release --product nashra --scratch-path .build-release 2>&1 | tail -1
binary=".build-release/release/nashra"

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"  # nginx's and varnish's workers run as unprivileged users

nashra_port="$(free_port)"
uncached_port="$(free_port)"
nginx_port="$(free_port)"
varnish_port="$(free_port)"

# Both Nashra servers read one database: the cached one seeds it, the uncached one starts after.
LOG_LEVEL=warning "$binary" serve --data "$work/data" --port "$nashra_port" \
  --purge-url "http://127.0.0.1:$varnish_port/" > "$work/nashra.log" 2>&1 &
pids+=($!)
until curl -fs "http://127.0.0.1:$nashra_port/healthz" > /dev/null 2>&1; do sleep 0.1; done
LOG_LEVEL=warning "$binary" serve --data "$work/data" --port "$uncached_port" --page-cache-mb 0 \
  > "$work/uncached.log" 2>&1 &
pids+=($!)
until curl -fs "http://127.0.0.1:$uncached_port/healthz" > /dev/null 2>&1; do sleep 0.1; done
# A new site makes its demo pictures' copies in the background (one libvips process per copy):
# measure once none has run for a few seconds, not while they take the cores.
quiet=0
for _ in $(seq 600); do
  if pgrep -x vips > /dev/null; then quiet=0; else quiet=$((quiet + 1)); fi
  [ "$quiet" -ge 30 ] && break
  sleep 0.1
done

sed "s/\.port = \"8080\"/.port = \"$nashra_port\"/" deploy/varnish/nashra.vcl > "$work/nashra.vcl"
chmod 644 "$work/nashra.vcl"
"$varnishd_bin" -F -n "$work/varnish" -a "127.0.0.1:$varnish_port" -f "$work/nashra.vcl" -s malloc,256m \
  > "$work/varnish.log" 2>&1 &
pids+=($!)
until curl -fs "http://127.0.0.1:$varnish_port/" > /dev/null 2>&1; do sleep 0.1; done

base="http://127.0.0.1:$nashra_port"
mkdir -p "$work/www"
chmod 755 "$work/www"
curl -fs "$base/" -o "$work/www/home.html"
article_path="$(grep -m1 -o 'href="/news/[^"]*"' "$work/www/home.html" | cut -d'"' -f2)"
curl -fs "$base$article_path" -o "$work/www/article.html"
gzip -9 -k "$work/www/article.html" "$work/www/home.html"
chmod 644 "$work/www/"*

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
until curl -fs -H "Accept-Encoding: gzip" -o /dev/null "http://127.0.0.1:$nginx_port/article.html"; do sleep 0.1; done
nginx_article="http://127.0.0.1:$nginx_port/article.html"
nginx_home="http://127.0.0.1:$nginx_port/home.html"

# measure URL: "requests/s p99-ms" from one wrk run.
measure() {
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Accept-Encoding: gzip" "$1" | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; p99 = v }
    END { printf "%s %.2f\n", rps, p99 }'
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

# Every page warm in each cache before the first round.
for url in "$base$article_path" "$base/" "http://127.0.0.1:$varnish_port$article_path"; do
  curl -fs -H "Accept-Encoding: gzip" -o /dev/null "$url"
  curl -fs -H "Accept-Encoding: gzip" -o /dev/null "$url"
done

results=()
for round in $(seq 1 "$rounds"); do
  read -r na na99 <<< "$(measure "$base$article_path")"
  read -r ga _ <<< "$(measure "$nginx_article")"
  read -r nh nh99 <<< "$(measure "$base/")"
  read -r gh _ <<< "$(measure "$nginx_home")"
  read -r va _ <<< "$(measure "http://127.0.0.1:$varnish_port$article_path")"
  line="| $round | $na | $ga | $(ratio "$na" "$ga") | $na99 | $nh | $gh | $(ratio "$nh" "$gh") | $nh99 | $va | $(ratio "$va" "$ga") |"
  echo "$line"
  results+=("$line")
done

# The uncached server after the others: when wrk stops it still has renders queued, which would
# slow whatever ran next; each run gets a moment to drain them.
uncached=()
for round in $(seq 1 "$rounds"); do
  read -r ua ua99 <<< "$(measure "http://127.0.0.1:$uncached_port$article_path")"
  sleep 2
  echo "uncached $round: $ua req/s, p99 $ua99 ms"
  uncached+=("| $round | $ua | $ua99 |")
done

# wire BASE PATH: gzip bytes of a page, and of the stylesheet and script it links.
wire() {
  local page css js
  page=$(curl -fs -H "Accept-Encoding: gzip" "$1$2" | wc -c)
  curl -fs "$1$2" > "$work/wire.html"
  css=0
  for href in $(grep -o '<link rel="stylesheet" href="[^"]*"' "$work/wire.html" | cut -d'"' -f4); do
    css=$((css + $(curl -fs -H "Accept-Encoding: gzip" "$1$href" | wc -c)))
  done
  js=0
  for src in $(grep -o '<script src="[^"]*"' "$work/wire.html" | cut -d'"' -f2); do
    js=$((js + $(curl -fs -H "Accept-Encoding: gzip" "$1$src" | wc -c)))
  done
  echo "$page $css $js $((page + css + js))"
}
read -r ap acss ajs atotal <<< "$(wire "$base" "$article_path")"
read -r hp hcss hjs htotal <<< "$(wire "$base" /)"
article_bytes=$(wc -c < "$work/www/article.html")
home_bytes=$(wc -c < "$work/www/home.html")

mkdir -p bench/results
{
  echo "# Public pages: Nashra, nginx gzip_static, Varnish, and no page cache"
  echo
  echo "Command: \`bench/article-page.sh $rounds $seconds $connections\` on $(nproc) cores, $(date -u +%Y-%m-%d), release build."
  echo "wrk -t2 -c$connections -d${seconds}s --latency with \`Accept-Encoding: gzip\`; every server shares the"
  echo "2 cores with wrk, and the rows of a round run one after another."
  echo
  echo "- **article, home:** Nashra's cached page against nginx serving the same bytes as a static .gz;"
  echo "- **Varnish:** Debian's Varnish with \`deploy/varnish/nashra.vcl\` in front of Nashra, ratio to nginx;"
  echo "- **uncached:** a second Nashra on the same database with \`--page-cache-mb 0\`: each request renders"
  echo "  the article page (queries, template, compression)."
  echo
  echo "| round | article req/s | nginx | ratio | p99 ms | home req/s | nginx | ratio | p99 ms | Varnish req/s | ratio to nginx |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${results[@]}"
  echo
  echo "Article page with the page cache off (\`--page-cache-mb 0\`), after the rounds above:"
  echo
  echo "| run | uncached req/s | p99 ms |"
  echo "| --- | --- | --- |"
  printf '%s\n' "${uncached[@]}"
  echo
  echo "## Page weight (bytes on the wire, gzip)"
  echo
  echo "| page | HTML (uncompressed) | HTML | stylesheet | script | fonts | total |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  echo "| article | $article_bytes | $ap | $acss | $ajs | 0 | $atotal |"
  echo "| home | $home_bytes | $hp | $hcss | $hjs | 0 | $htotal |"
} > bench/results/article-page.md
cat bench/results/article-page.md
