#!/usr/bin/env bash
# Search benchmarks on a release build:
#  - import rate of the 10k-article corpus (../shared/data/arabic-news/ant-v1.1/ant-v1.1.jsonl);
#  - search latency (p50, p95) for 1-, 2- and 3-word queries at 10k and at 100k articles;
#  - index size.
# The 100k set is the corpus ten times over: copy N gets ids suffixed "-copyN" and its dates moved
# back N years, so every copy is a distinct article with the same text.
#
# Usage: bench/search.sh [queries per size=300]   Writes bench/results/search.md.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-300}"
corpus="../shared/data/arabic-news/ant-v1.1/ant-v1.1.jsonl"
[ -f "$corpus" ] || { echo "missing $corpus (the shared data folder beside the project)" >&2; exit 1; }
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product nashra --scratch-path .build-release 2>&1 | tail -1
binary=".build-release/release/nashra"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shellcheck source=bench/lib.sh
source bench/lib.sh
make_queries "$corpus" "$count" > "$work/queries.txt"

import_run() {
  local file="$1" data="$2"
  "$binary" import "$file" --data "$data" | tail -1
}
echo "== 10k"
ten="$(import_run "$corpus" "$work/10k")"
echo "$ten"
ten_search="$("$binary" search-bench --queries "$work/queries.txt" --data "$work/10k")"
echo "$ten_search"

echo "== 100k"
make_100k "$corpus" > "$work/100k.jsonl"
hundred="$(import_run "$work/100k.jsonl" "$work/100k")"
echo "$hundred"
hundred_search="$("$binary" search-bench --queries "$work/queries.txt" --data "$work/100k")"
echo "$hundred_search"

mkdir -p bench/results
{
  echo "# Search benchmarks"
  echo
  echo "Command: \`bench/search.sh $count\` on $(nproc) cores, $(date -u +%Y-%m-%d), release build."
  echo "Latency is the store's search (FTS5 MATCH + BM25 with field weights + the page of 10 results and the total),"
  echo "timed in-process by \`nashra search-bench\` after a warm-up; queries are 1 to 3 words drawn from corpus titles."
  echo "The 100k set is the 10k corpus ten times over (ids suffixed, dates moved back a year per copy)."
  echo
  echo "## 10k articles (the corpus)"
  echo '```'
  echo "$ten"
  echo "$ten_search"
  echo '```'
  echo
  echo "## 100k articles"
  echo '```'
  echo "$hundred"
  echo "$hundred_search"
  echo '```'
} > bench/results/search.md
cat bench/results/search.md
