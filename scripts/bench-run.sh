#!/usr/bin/env bash
# Engine overhead, in one run (issue 3, acceptance 2): a workflow of N trivial `run: true` steps under
# `hearth run --backend host`, against a bash loop running `bash --noprofile --norc -eo pipefail -c true`
# N times. Engine time is the run's own duration from `--json` (Engine.run, from its set-up to the last
# job; JVM start and reading the workflow excluded); the whole command's time minus JVM start, and
# JVM start + reading (wall time minus engine time), are reported separately.
#   scripts/bench-run.sh [STEPS=200] [ROUNDS=5]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
steps="${1:-200}"; rounds="${2:-5}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$work/repo/.github/workflows"
{
  echo "on: push"; echo "jobs:"; echo "  trivial:"; echo "    runs-on: ubuntu-latest"; echo "    steps:"
  for _ in $(seq "$steps"); do echo "      - run: true"; done
} > "$work/repo/.github/workflows/trivial.yml"
git -C "$work/repo" init -q -b main && git -C "$work/repo" add -A \
  && git -C "$work/repo" -c user.email=b@e -c user.name=bench commit -q -m bench
"$root/hearth" --version >/dev/null   # builds the jar once if needed
flock "$root/hearth-cli/target/.train.lock" true   # and measures only once its class archive is made

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
engine=(); command=(); wall=(); loop=()
for r in $(seq "$rounds"); do
  t0=$(now_ms)
  "$root/hearth" run --backend host --json -W "$work/repo/.github/workflows/trivial.yml" >"$work/out.json" 2>/dev/null
  t1=$(now_ms)
  e=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runs"][0]["durationMs"])' "$work/out.json")
  c=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["durationMs"])' "$work/out.json")
  engine+=("$e"); command+=("$c"); wall+=($((t1 - t0)))
  t0=$(now_ms)
  for _ in $(seq "$steps"); do bash --noprofile --norc -eo pipefail -c true; done
  t1=$(now_ms)
  loop+=($((t1 - t0)))
  echo "round $r: engine ${e} ms, command (read + engine) ${c} ms, hearth wall ${wall[-1]} ms, bash loop ${loop[-1]} ms"
done
me=$(printf '%s\n' "${engine[@]}" | median); mw=$(printf '%s\n' "${wall[@]}" | median)
mc=$(printf '%s\n' "${command[@]}" | median)
ml=$(printf '%s\n' "${loop[@]}" | median)
echo "bench-run: $steps steps, median of $rounds: engine ${me} ms, bash loop ${ml} ms," \
  "ratio $(python3 -c "print(f'{$me/$ml:.2f}')"); command (read + engine) ${mc} ms, ratio $(python3 -c "print(f'{$mc/$ml:.2f}')");" \
  "JVM start + read ${mw}-${me} = $(python3 -c "print(round($mw-$me))") ms"
