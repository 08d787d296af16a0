#!/usr/bin/env bash
# A site of real size on SQLite, release build:
#   - cold start: from `nashra serve` being started to the first article page answered, on the
#     10k-article corpus (the database already there, as after a restart), best and worst of 5;
#   - memory: the server's resident set (VmRSS) with the corpus ten times over (100k articles)
#     imported, after the page cache was filled by reading the home page, the first 50 pages of
#     each section and 3,000 of the articles they link to, and again after 2,000 distinct article
#     pages more (found through search pages); with the time those article renders took.
#
# Usage: bench/scale.sh   Needs curl and ../shared/data/arabic-news. Writes bench/results/scale.md.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="../shared/data/arabic-news/ant-v1.1/ant-v1.1.jsonl"
[ -f "$corpus" ] || { echo "missing $corpus (the shared data folder beside the project)" >&2; exit 1; }
export PATH="/opt/swift/usr/bin:$PATH"
# shellcheck source=bench/lib.sh
source bench/lib.sh

swift build -c release --product nashra --scratch-path .build-release 2>&1 | tail -1
binary="$PWD/.build-release/release/nashra"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# serve DATA PORT: starts the server in the background, its pid in $server_pid.
serve() {
  LOG_LEVEL=warning "$binary" serve --no-demo --data "$1" --port "$2" > "$work/server.log" 2>&1 &
  server_pid=$!
}
stop() {
  kill "$server_pid" && wait "$server_pid" 2> /dev/null || true
  server_pid=""
}
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }

echo "== import of the 10k corpus"
"$binary" import "$corpus" --data "$work/10k" | tail -1
port="$(free_port)"
serve "$work/10k" "$port"
until curl -fs "http://127.0.0.1:$port/healthz" > /dev/null; do sleep 0.1; done
curl -fs "http://127.0.0.1:$port/" -o "$work/first.html"
article="$(grep -m1 -o 'href="/news/[^"]*"' "$work/first.html" | cut -d'"' -f2)"
stop

echo "== cold start, 5 times"
starts=()
for _ in 1 2 3 4 5; do
  port="$(free_port)"
  started=$(date +%s%N)
  serve "$work/10k" "$port"
  until curl -fs -o /dev/null "http://127.0.0.1:$port$article" 2> /dev/null; do :; done
  starts+=($(( ($(date +%s%N) - started) / 1000000 )))
  stop
done
sorted=($(printf '%s\n' "${starts[@]}" | sort -n))
echo "cold start to first article page: ${starts[*]} ms"

echo "== 100k articles"
make_100k "$corpus" > "$work/100k.jsonl"
import100="$("$binary" import "$work/100k.jsonl" --data "$work/100k" | tail -1)"
echo "$import100"
port="$(free_port)"
base="http://127.0.0.1:$port"
serve "$work/100k" "$port"
until curl -fs "$base/healthz" > /dev/null; do sleep 0.1; done
rss_start=$(rss_mb)
# Every article linked from the home page, the sections and their first 50 pages.
curl -fs "$base/" > "$work/home.html"
grep -o 'href="/section/[^"]*"' "$work/home.html" | cut -d'"' -f2 | sort -u > "$work/sections.txt"
: > "$work/lists.html"
while read -r section; do
  for page in $(seq 1 50); do curl -fs "$base$section?page=$page" >> "$work/lists.html" || break; done
done < "$work/sections.txt"
cat "$work/home.html" "$work/lists.html" | grep -o 'href="/news/[^"]*"' | cut -d'"' -f2 | sort -u | awk 'NR <= 3000' \
  > "$work/articles.txt"
render_started=$(date +%s%N)
sed "s|^|$base|" "$work/articles.txt" | xargs -n 50 -P 2 curl -fs > /dev/null
render_ms=$(( ($(date +%s%N) - render_started) / 1000000 ))
lists=$(( $(wc -l < "$work/sections.txt") ))
warmed=$(wc -l < "$work/articles.txt")
rss_warm=$(rss_mb)
# 2,000 more distinct article pages: the slugs come from the search page for common words.
for word in الحكومة الرئيس وزير مدينة الشرطة; do
  for page in $(seq 1 30); do
    curl -fsG "$base/search" --data-urlencode "q=$word" --data-urlencode "page=$page" || break
  done
done | grep -o 'href="/news/[^"]*"' | cut -d'"' -f2 | sort -u | grep -vxFf "$work/articles.txt" | awk 'NR <= 2000' \
  > "$work/more.txt"
sed "s|^|$base|" "$work/more.txt" | xargs -n 50 -P 2 curl -fs > /dev/null
more=$(wc -l < "$work/more.txt")
rss_more=$(rss_mb)
stop
echo "RSS: $rss_start MB at start, $rss_warm MB after $warmed articles, $rss_more MB after $more more"
echo "the first $warmed article pages took $render_ms ms, two at a time"

mkdir -p bench/results
{
  echo "# A site of real size (SQLite, release build)"
  echo
  echo "Command: \`bench/scale.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d)."
  echo
  echo "| measure | figure |"
  echo "| --- | --- |"
  echo "| cold start to the first article page, 10k articles (5 runs, best / worst) | ${sorted[0]} ms / ${sorted[4]} ms |"
  echo "| RSS with 100k articles, just started | $rss_start MB |"
  echo "| RSS after home, $lists sections × up to 50 pages and $warmed of the articles they link | $rss_warm MB |"
  echo "| RSS after $more more distinct article pages | $rss_more MB |"
  echo
  echo "Rendering those $warmed article pages (each a cache miss, two requests at a time): $render_ms ms,"
  echo "about $(( render_ms * 2 / warmed )) ms a page."
  echo
  echo "Import of the 100k file: $import100"
} > bench/results/scale.md
cat bench/results/scale.md
