#!/usr/bin/env bash
# Comment benchmarks on a release build:
#  1. accepted comments per second (valid posts from one reader, rate limits off, FULL fsync per commit);
#  2. article-page reads with and without a flood of rejected spam arriving at the same time.
#
# Usage: bench/comments.sh [seconds=10]
# Needs wrk and curl. Writes bench/results/comments.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
export PATH="/opt/swift/usr/bin:$PATH"
command -v wrk > /dev/null || { echo "missing wrk: sudo apt-get install -y wrk" >&2; exit 1; }

swift build -c release --product nashra --scratch-path .build-release 2>&1 | tail -1
binary=".build-release/release/nashra"
work="$(mktemp -d)"
cleanup() { kill "${server_pid:-}" 2> /dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"

start() {
  LOG_LEVEL=warning "$binary" serve --data "$work/data" --port "$port" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -fs "$base/healthz" > /dev/null 2>&1 && break; sleep 0.1; done
}
stop() { kill "$server_pid"; wait "$server_pid" 2> /dev/null || true; }
settings() { "$binary" settings set "$1" "$2" --data "$work/data" > /dev/null; }

# 1. Accepted comments per second.
settings commentMinSeconds 0
settings commentLimitPerIP 0
settings commentLimitPerEmail 0
start
curl -fs "$base/" -o "$work/home.html"
path="$(grep -m1 -o 'href="/news/[^"]*"' "$work/home.html" | sed -n 1p | cut -d'"' -f2)"
curl -fs -c "$work/jar" "$base$path" -o "$work/article.html"
export NASHRA_PATH="$path" NASHRA_ORIGIN="$base"
NASHRA_TOKEN="$(grep -o 'name="_token" value="[^"]*"' "$work/article.html" | cut -d'"' -f4)"
NASHRA_COOKIE="nashra_reader=$(awk '$6 == "nashra_reader" { print $7 }' "$work/jar")"
export NASHRA_TOKEN NASHRA_COOKIE
accepted_out="$(wrk -t2 -c8 -d"${seconds}s" -s bench/post-comment.lua "$base$path")"
accepted_rate="$(awk '/Requests\/sec/ { print $2 }' <<< "$accepted_out")"
non3xx="$(awk '/Non-2xx or 3xx/ { print $5 }' <<< "$accepted_out")"
stored="$("$binary" comments list --status pending --limit 1 --data "$work/data" | tail -1 | awk '{ print $3 }')"
echo "accepted: $accepted_rate posts/s, stored $stored, non-3xx ${non3xx:-0}"
stop

# 2. Reads with and without a spam flood (default limits back on: the flood is refused).
settings commentLimitPerIP 10
settings commentLimitPerEmail 5
settings commentMinSeconds 3
start
read_rate() { wrk -t1 -c16 -d"${seconds}s" -H "Accept-Encoding: gzip" -H "Cookie: $NASHRA_COOKIE" "$base$path" | awk '/Requests\/sec/ { print $2 }'; }
baseline="$(read_rate)"
count_all() { "$binary" comments list --limit 1 --data "$work/data" | tail -1 | awk '{ print $3 }'; }
before_flood="$(count_all)"
wrk -t1 -c8 -d"$((seconds + 2))s" -s bench/spam-flood.lua "$base$path" > "$work/flood.txt" &
flood_pid=$!
sleep 1
under_flood="$(read_rate)"
wait "$flood_pid"
flood_rate="$(awk '/Requests\/sec/ { print $2 }' "$work/flood.txt")"
ratio="$(python3 -c "print(f'{$under_flood / $baseline:.2f}')")"
spam_stored=$(($(count_all) - before_flood))
echo "reads: $baseline/s alone, $under_flood/s under a flood of $flood_rate spam posts/s (ratio $ratio)"

mkdir -p bench/results
{
  echo "# Comment benchmarks"
  echo
  echo "Command: \`bench/comments.sh $seconds\` on $(nproc) cores, $(date -u +%Y-%m-%d), release build, SQLite in WAL mode with synchronous=FULL."
  echo
  echo "| measure | result |"
  echo "| --- | --- |"
  echo "| accepted comments (wrk -t2 -c8, distinct valid posts, one reader, limits off) | $accepted_rate posts/s; $stored stored as pending; ${non3xx:-0} not answered 303 |"
  echo "| article reads alone (wrk -t1 -c16, gzip) | $baseline req/s |"
  echo "| article reads while spam floods in (wrk -t1 -c8, each connection pacing 8 ms: no cookie or token, links, every other post fills the honeypot) | $under_flood req/s — ratio $ratio; flood $flood_rate posts/s |"
  echo "| comments the flood got stored | $spam_stored |"
} > bench/results/comments.md
cat bench/results/comments.md
