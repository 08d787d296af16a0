#!/usr/bin/env bash
# The backends side by side, in one run, on a release build:
#   SQLite with one node, PostgreSQL with one node, PostgreSQL with two nodes (the load split evenly).
# Each gets the 10k-article corpus, then: article-page reads, search pages (every request a miss for
# the page cache), and accepted comment posts per second. Then the store's search latency (p50/p95,
# in-process, `nashra search-bench`) on both backends at 10k and at 100k articles.
# PostgreSQL is Debian's 15 in a throwaway cluster with its default durability (fsync and
# synchronous_commit on), as SQLite runs with synchronous=FULL.
#
# Usage: bench/backends.sh [seconds=10] [queries per size=200]   BENCH_100K=0 skips the 100k step.
# Needs wrk, curl and PostgreSQL 15. Writes bench/results/backends.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
count="${2:-200}"
corpus="../shared/data/arabic-news/ant-v1.1/ant-v1.1.jsonl"
pgbin=/usr/lib/postgresql/15/bin
[ -f "$corpus" ] || { echo "missing $corpus (the shared data folder beside the project)" >&2; exit 1; }
if ! command -v wrk > /dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null
  else
    echo "missing wrk: sudo apt-get install -y wrk" >&2
    exit 1
  fi
fi
[ -x "$pgbin/initdb" ] || { echo "missing PostgreSQL 15: sudo apt-get install -y postgresql-15" >&2; exit 1; }
export PATH="/opt/swift/usr/bin:$PATH"
# shellcheck source=bench/lib.sh
source bench/lib.sh

swift build -c release --product nashra --scratch-path .build-release 2>&1 | tail -1
binary="$PWD/.build-release/release/nashra"
work="$(mktemp -d)"
chmod 755 "$work"
pids=()
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  as_postgres "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
pgport="$(free_port)"
as_postgres "$pgbin/initdb" -D "$work/pg/data" -U nashra --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null
as_postgres "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" \
  -o "-p $pgport -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=200" -w start > /dev/null
server="postgres://nashra@127.0.0.1:$pgport"
psql "$server/postgres" -qc "CREATE DATABASE bench10k" -c "CREATE DATABASE bench100k"
sqlite10="sqlite:$work/sqlite10k/nashra.sqlite"
pg10="$server/bench10k?sslmode=disable"

make_queries "$corpus" "$count" > "$work/queries.txt"
export NASHRA_QUERIES="$work/queries.txt"

echo "== import of the 10k corpus"
import_sqlite="$("$binary" import "$corpus" --database "$sqlite10" | tail -1)"
import_pg="$("$binary" import "$corpus" --database "$pg10" | tail -1)"
echo "SQLite: $import_sqlite"
echo "PostgreSQL: $import_pg"
for database in "$sqlite10" "$pg10"; do
  for setting in commentMinSeconds commentLimitPerIP commentLimitPerEmail; do
    "$binary" settings set "$setting" 0 --database "$database" > /dev/null
  done
done

# start_node DATABASE NAME: a node on a free port, its URL in $node_url.
start_node() {
  local port
  port="$(free_port)"
  LOG_LEVEL=warning "$binary" serve --no-demo --database "$1" --data "$work/node-$2" --port "$port" \
    --base-url "$base" > "$work/node-$2.log" 2>&1 &
  pids+=($!)
  node_url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -fs "$node_url/healthz" > /dev/null 2>&1 && return; sleep 0.1; done
  echo "node $2 did not start" >&2
  exit 1
}
stop_nodes() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; done
  pids=()
}

# side_by_side CONNECTIONS ARGS...: wrk against every node at once (connections split evenly),
# the sum of their requests per second.
side_by_side() {
  local connections="$1" index=0 files=() runs=()
  shift
  for url in "${nodes[@]}"; do
    index=$((index + 1))
    NASHRA_RUN="$index" wrk -t1 -c"$((connections / ${#nodes[@]}))" -d"${seconds}s" "$@" "$url$target" \
      > "$work/wrk-$index.txt" &
    runs+=($!)
    files+=("$work/wrk-$index.txt")
  done
  wait "${runs[@]}"
  awk '/Requests\/sec/ { sum += $2 } END { printf "%.0f", sum }' "${files[@]}"
}

# measure LABEL DATABASE NODES: reads, searches and posts on that many nodes of one database.
declare -A reads searches posts
measure() {
  local label="$1" database="$2" count="$3"
  local port
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  nodes=()
  for index in $(seq 1 "$count"); do
    start_node "$database" "$label-$index"
    nodes+=("$node_url")
  done
  curl -fs "${nodes[0]}/" -o "$work/home.html"
  local path
  path="$(grep -m1 -o 'href="/news/[^"]*"' "$work/home.html" | sed -n 1p | cut -d'"' -f2)"
  curl -fs -c "$work/jar" "${nodes[0]}$path" -o "$work/article.html"
  NASHRA_TOKEN="$(grep -o 'name="_token" value="[^"]*"' "$work/article.html" | cut -d'"' -f4)"
  NASHRA_COOKIE="nashra_reader=$(awk '$6 == "nashra_reader" { print $7 }' "$work/jar")"
  export NASHRA_TOKEN NASHRA_COOKIE NASHRA_PATH="$path" NASHRA_ORIGIN="$base"
  target="$path"
  reads[$label]="$(side_by_side 16 -H "Accept-Encoding: gzip" -H "Cookie: $NASHRA_COOKIE")"
  target="/"
  searches[$label]="$(side_by_side 8 -s bench/search-page.lua)"
  target="$path"
  posts[$label]="$(side_by_side 8 -s bench/post-comment.lua)"
  echo "$label: reads ${reads[$label]}/s, searches ${searches[$label]}/s, comment posts ${posts[$label]}/s"
  stop_nodes
}

echo "== pages, one run"
measure sqlite-1 "$sqlite10" 1
measure postgres-1 "$pg10" 1
measure postgres-2 "$pg10" 2

echo "== search latency in the store"
latency_sqlite10="$("$binary" search-bench --queries "$work/queries.txt" --database "$sqlite10")"
latency_pg10="$("$binary" search-bench --queries "$work/queries.txt" --database "$pg10")"
if [ "${BENCH_100K:-1}" != 0 ]; then
  make_100k "$corpus" > "$work/100k.jsonl"
  sqlite100="sqlite:$work/sqlite100k/nashra.sqlite"
  pg100="$server/bench100k?sslmode=disable"
  import100_sqlite="$("$binary" import "$work/100k.jsonl" --database "$sqlite100" | tail -1)"
  import100_pg="$("$binary" import "$work/100k.jsonl" --database "$pg100" | tail -1)"
  latency_sqlite100="$("$binary" search-bench --queries "$work/queries.txt" --database "$sqlite100")"
  latency_pg100="$("$binary" search-bench --queries "$work/queries.txt" --database "$pg100")"
fi

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
mkdir -p bench/results
{
  echo "# Backends side by side"
  echo
  echo "Command: \`bench/backends.sh $seconds $count\` on $(nproc) cores, $(date -u +%Y-%m-%d), release build;"
  echo "wrk, the nodes and PostgreSQL share the same cores, so two nodes here show the cost of sharing"
  echo "state, not the gain of a second machine. Content: the 10k-article corpus. Ratios are to SQLite"
  echo "with one node, measured in the same run."
  echo
  echo "| setup | article page (wrk -c16, gzip) | search page (wrk -c8, cache misses) | comment posts (wrk -c8, limits off, durable) |"
  echo "| --- | --- | --- | --- |"
  for label in sqlite-1 postgres-1 postgres-2; do
    echo "| $label | ${reads[$label]}/s ($(ratio "${reads[$label]}" "${reads[sqlite-1]}")×) | ${searches[$label]}/s ($(ratio "${searches[$label]}" "${searches[sqlite-1]}")×) | ${posts[$label]}/s ($(ratio "${posts[$label]}" "${posts[sqlite-1]}")×) |"
  done
  echo
  echo "## Import and search latency in the store (1-, 2- and 3-word queries from corpus titles)"
  echo
  echo '```'
  echo "10k, SQLite: $import_sqlite"
  echo "$latency_sqlite10"
  echo "10k, PostgreSQL: $import_pg"
  echo "$latency_pg10"
  if [ "${BENCH_100K:-1}" != 0 ]; then
    echo "100k, SQLite: $import100_sqlite"
    echo "$latency_sqlite100"
    echo "100k, PostgreSQL: $import100_pg"
    echo "$latency_pg100"
  fi
  echo '```'
} > bench/results/backends.md
cat bench/results/backends.md
