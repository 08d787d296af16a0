#!/usr/bin/env bash
# libFuzzer over what parses untrusted bytes: the sanitizer, Markdown and HTML→Markdown, the Arabic
# analyzer and search queries, slugs, image inspection and rebuilding, the multipart upload reader,
# and import lines. Builds fuzz/ with -sanitize=fuzzer,address (its own scratch folder), runs each
# target for SECONDS (default 60) on a copy of its seed corpus, keeps crashes in fuzz/findings/,
# prints a line per target and exits 1 if any target crashed, leaked or timed out.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzSanitizer FuzzMarkdown FuzzAnalyzer FuzzSlug FuzzImage FuzzMultipart FuzzImport)

scratch="$PWD/.build-fuzz"
(cd fuzz && swift build -c debug --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address \
  -Xswiftc -parse-as-library 2>&1 | grep -E "error|warning: unre|Compiling|Build complete" | tail -3)
bin="$(cd fuzz && swift build -c debug --scratch-path "$scratch" --show-bin-path)"

mkdir -p fuzz/findings
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
for target in "${targets[@]}"; do
  corpus="$work/$target"
  cp -r "fuzz/corpus/$target" "$corpus"
  log="$work/$target.log"
  set +e
  "$bin/$target" "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="fuzz/findings/$target-" -print_final_stats=1 > "$log" 2>&1
  status=$?
  set -e
  runs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')"
  coverage="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo '?')"
  if [ "$status" = 0 ]; then
    echo "$target: ok, $runs runs in ${seconds}s, coverage $coverage"
  else
    failed=1
    echo "$target: FAILED (exit $status) after $runs runs; see fuzz/findings/$target-*"
    grep -E "ERROR|Fatal error|precondition|SUMMARY" "$log" | head -5
  fi
done
exit "$failed"
