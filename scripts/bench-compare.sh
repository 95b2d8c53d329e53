#!/usr/bin/env bash
# Side-by-side speed: Hearth vs GitHub's TypeScript implementations, on the same inputs, in one run.
#   scripts/bench-compare.sh [SHARED_DIR]      (default ../shared; needs node + npm for the peers)
# Expressions: GitHub's 1,020 conformance cases (contexts converted, parsed, evaluated, result to JSON,
# per case, like the peer's expr-jsonl.mjs). Workflows: every file of the corpus (read, parsed,
# validated, jobs converted, like the peer's validate.mjs). Hearth's side runs in JMH
# (hearth-bench, PeerComparisonBenchmark); the peers time themselves with --repeat.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$(cd "${1:-$root/../shared}" && pwd)"
work="${HEARTH_BENCH_WORK:-/tmp/hearth-bench}"
mkdir -p "$work"
. "$root/.mvn/jdk.sh"; hearth_use_jdk21

# Peers, installed once into a scratch folder.
for p in actions-expressions actions-workflow-parser; do
  if [ ! -d "$work/$p/node_modules" ]; then
    rm -rf "${work:?}/$p"; cp -r "$shared/peers/$p" "$work/$p"
    (cd "$work/$p" && npm install --silent --no-audit --no-fund >/dev/null)
  fi
done

# The same inputs for both sides.
cases="$work/cases.jsonl"
python3 - "$shared/conformance/expressions" "$cases" <<'PY'
import glob, json, os, sys
with open(sys.argv[2], "w") as out:
    for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
        for items in json.load(open(f)).values():
            for c in items:
                out.write(json.dumps({"expr": c["expr"], "contexts": c.get("contexts", {})}) + "\n")
PY
# Lines REPOSITORY_ROOT<TAB>FILE: local reusable calls resolve in their own repository, on both sides.
files="$work/corpus-files.tsv"
for repo in "$shared"/corpus/workflows/*/; do
  repo="${repo%/}"
  find "$repo/.github/workflows" -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) | sort | sed "s|^|$repo\t|"
done > "$files"
ncases=$(wc -l < "$cases"); nfiles=$(wc -l < "$files")

echo "== peers (GitHub's TypeScript, node $(node --version))"
peer_expr_ms=$(node "$work/actions-expressions/expr-jsonl.mjs" --repeat 200 < "$cases" 2>&1 >/dev/null \
  | sed -n 's/.* in \([0-9.]*\) ms/\1/p')
# The peer resolves ./ calls from its working directory: one timed run per repository, times added.
peer_wf_ms=0
for repo in $(cut -f1 "$files" | sort -u); do
  ms=$(cd "$repo" && grep -F "$repo"$'\t' "$files" | cut -f2 | xargs node --import "$work/actions-workflow-parser/json-loader.mjs" \
    "$work/actions-workflow-parser/validate.mjs" --repeat 100 2>&1 >/dev/null | sed -n 's/.* in \([0-9.]*\) ms/\1/p')
  peer_wf_ms=$(python3 -c "print($peer_wf_ms + ${ms:-0})")
done
peer_expr=$(python3 -c "print(round($ncases*200/($peer_expr_ms/1000)))")
peer_wf=$(python3 -c "print(round($nfiles*100/($peer_wf_ms/1000)))")
echo "peer expressions: $peer_expr expressions/s   ($ncases cases x 200 in $peer_expr_ms ms)"
echo "peer workflows:   $peer_wf files/s   ($nfiles files x 100 in $peer_wf_ms ms)"

echo "== hearth (JMH, $(java -version 2>&1 | head -1))"
(cd "$root" && ./mvnw -q -B -ntp -Dmaven.test.skip=true -pl hearth-bench -am package)
json="$work/jmh.json"
java -jar "$root/hearth-bench/target/hearth-bench.jar" PeerComparisonBenchmark \
  -p casesFile="$cases" -p filesList="$files" ${HEARTH_JMH_ARGS:--wi 3 -w 2s -i 5 -r 2s -f 1} -rf json -rff "$json" \
  | grep -E '^(Benchmark|PeerComparison)' || true
python3 - "$json" "$ncases" "$nfiles" "$peer_expr" "$peer_wf" <<'PY'
import json, sys
res = {r["benchmark"].rsplit(".", 1)[-1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
ncases, nfiles, peer_expr, peer_wf = map(float, sys.argv[2:])
e = res["expressions"]["score"] * ncases
w = res["workflows"]["score"] * nfiles
print(f"hearth expressions: {e:,.0f} expressions/s  -> {e/peer_expr:.1f}x the peer")
print(f"hearth workflows:   {w:,.0f} files/s        -> {w/peer_wf:.1f}x the peer")
PY
