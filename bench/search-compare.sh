#!/usr/bin/env bash
# The analyzer's cost, this tree against an earlier revision, side by side on one machine: for each
# round and each build (in alternating order), import the 10k-article corpus into a fresh SQLite
# folder (articles/s: the analyzer runs on every field) and time 1-, 2- and 3-word searches (p50, p95).
# Reports each figure and the ratio this tree / base.
#
# Usage: bench/search-compare.sh BASE_REV [rounds=3] [queries per size=300]
# Builds both in release (the base in a worktree under $TMPDIR); writes bench/results/search-compare.md.
set -euo pipefail
cd "$(dirname "$0")/.."
base_rev="${1:?usage: bench/search-compare.sh BASE_REV [rounds] [queries]}"
rounds="${2:-3}"
count="${3:-300}"
corpus="../shared/data/arabic-news/ant-v1.1/ant-v1.1.jsonl"
[ -f "$corpus" ] || { echo "missing $corpus (the shared data folder beside the project)" >&2; exit 1; }
export PATH="/opt/swift/usr/bin:$PATH"
work="$(mktemp -d)"
base_tree="${TMPDIR:-/tmp}/nashra-base-$(git rev-parse --short "$base_rev")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

swift build -c release --product nashra --scratch-path .build-release 2>&1 | tail -1
[ -d "$base_tree" ] || git worktree add -f --detach "$base_tree" "$base_rev" > /dev/null
(cd "$base_tree" && swift build -c release --product nashra --scratch-path .build-release 2>&1 | tail -1)
declare -A binary=([tree]=".build-release/release/nashra" [base]="$base_tree/.build-release/release/nashra")

# shellcheck source=bench/lib.sh
source bench/lib.sh
make_queries "$corpus" "$count" > "$work/queries.txt"

# measure NAME ROUND: one import and one search run; prints "rate p50-1 p95-1 p50-2 p95-2 p50-3 p95-3".
measure() {
  local data="$work/$1-$2"
  local rate
  rate="$("${binary[$1]}" import "$corpus" --data "$data" | tail -1 | sed -E 's/.*\(([0-9]+) articles\/s\).*/\1/')"
  local search
  search="$("${binary[$1]}" search-bench --queries "$work/queries.txt" --data "$data" \
    | awk '/-word queries/ { gsub(",", ""); printf "%s %s ", $5, $8 }')"
  rm -rf "$data"
  echo "$rate $search"
}

declare -A figures
for round in $(seq 1 "$rounds"); do
  order=(tree base)
  if [ $((round % 2)) -eq 0 ]; then order=(base tree); fi
  for name in "${order[@]}"; do
    figures[$name,$round]="$(measure "$name" "$round")"
    echo "round $round $name: ${figures[$name,$round]}"
  done
done

{
  echo "# Analyzer cost: this tree against $base_rev"
  echo
  echo "Command: \`bench/search-compare.sh $base_rev $rounds $count\` on $(nproc) cores, $(date -u +%Y-%m-%d), release builds."
  echo "Import: the 10k corpus into a fresh SQLite folder (articles/s, higher is better). Search: \`nashra"
  echo "search-bench\`, $count queries of each size drawn from corpus titles, p50/p95 in ms (lower is better)."
  echo "Ratio: this tree / base, per round."
  echo
  echo "| round | build | import/s | 1w p50 | 1w p95 | 2w p50 | 2w p95 | 3w p50 | 3w p95 |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for round in $(seq 1 "$rounds"); do
    for name in tree base; do
      echo "| $round | $name | $(echo "${figures[$name,$round]}" | tr ' ' '\n' | grep . | paste -sd'|' | sed 's/|/ | /g') |"
    done
    ratio="$(python3 -c 'import sys; a=sys.argv[1].split(); b=sys.argv[2].split(); print(" | ".join("%.2f" % (float(x) / float(y)) if float(y) else "-" for x, y in zip(a, b)))' "${figures[tree,$round]}" "${figures[base,$round]}")"
    echo "| $round | ratio | $ratio |"
  done
} > bench/results/search-compare.md
cat bench/results/search-compare.md
