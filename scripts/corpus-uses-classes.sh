#!/usr/bin/env bash
# Counts how `hearth plan --json` classifies every `uses:` of a corpus of real workflows.
#
# Usage: scripts/corpus-uses-classes.sh [CORPUS_DIR] [-- extra hearth plan flags, e.g. --actions-mirror DIR]
#        (default CORPUS_DIR: ../shared/corpus/workflows)
# CORPUS_DIR holds <owner>__<repo>/.github/workflows/*.yml|yaml. Each file is planned from inside its
# <owner>__<repo> folder, so local actions and workflows resolve as in corpus-plan-check.sh. Every uses:
# step (parallel groups included) and every reusable job of each file is counted once by its "class";
# the jobs of called workflows that the plan nests are not counted again (they are files of the corpus
# too, or remote). Needs only python3. The corpus is read in place, never copied.
# Prints the invalid uses: values (notes), the valid ones classified unsupported and the files that could
# not be planned, then a table of classes with the count of steps and of reusable jobs in each, and
# "uses-classes: F files, P planned: S uses steps, R reusable jobs; U valid uses: steps unsupported, E failures".
# Exit status 0 unless an action that could run (any valid uses: value) is classified unsupported, or a
# file could not be planned (its steps would go unclassified).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus_arg="${1:-$root/../shared/corpus/workflows}"
[ "$#" -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
corpus="$(cd "$corpus_arg" && pwd)"
"$root/hearth" --version >/dev/null   # builds the jar once, before the loop

exec python3 - "$root/hearth" "$corpus" "$@" <<'PY'
import collections, glob, json, os, subprocess, sys

hearth, corpus, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
CLASSES = ["builtin", "local", "remote", "reusable", "docker", "llm", "unsupported"]
counts = collections.Counter()      # uses: steps by class
job_counts = collections.Counter()  # reusable jobs by class
files = planned = steps = calls = 0
unsupported, failures = [], []

def uses_text(u):
    if u.get("kind") == "remote":
        return f"{u['owner']}/{u['repo']}" + (f"/{u['path']}" if u.get("path") else "") + f"@{u['ref']}"
    return u.get("path", "")

def walk_steps(label, job_id, items):
    global steps
    for step in items:
        if step.get("kind") == "parallel":
            walk_steps(label, job_id, step.get("steps", []))
            continue
        if "uses" not in step:
            continue
        steps += 1
        cls = step.get("class", "unclassified")
        counts[cls] += 1
        if cls == "unclassified" or (cls == "unsupported" and step["uses"].get("kind") != "invalid"):
            unsupported.append(f"{label}:{step.get('line', 0)}: job '{job_id}' step {step['number']}: "
                               f"{step.get('name')}: {cls}: {step.get('note', '')}")
        elif cls == "unsupported":
            print(f"note: {label}:{step.get('line', 0)}: invalid uses: {step.get('name')}: {step.get('note', '')}")

for repo_dir in sorted(glob.glob(os.path.join(corpus, "*__*"))):
    for path in sorted(glob.glob(os.path.join(repo_dir, ".github", "workflows", "*.y*ml"))):
        rel = os.path.relpath(path, repo_dir)
        label = os.path.relpath(path, corpus)
        files += 1
        p = subprocess.run([hearth, "plan", "--json", *extra, rel], cwd=repo_dir, capture_output=True, text=True)
        try:
            plan = json.loads(p.stdout)
        except ValueError:
            plan = None
        # Exit 1 with levels: an invalid workflow, planned as far as it could be read; its steps count.
        if not isinstance(plan, dict) or "levels" not in plan:
            lines = (p.stdout.strip() or p.stderr.strip()).splitlines()
            failures.append(f"{label}: exit {p.returncode}: {lines[0] if lines else ''}")
            continue
        planned += 1
        for level in plan["levels"]:
            for job in level["jobs"]:
                if job.get("kind") == "reusable":
                    calls += 1
                    cls = job.get("class", "unclassified")
                    job_counts[cls] += 1
                    if cls in ("unclassified", "unsupported"):
                        print(f"note: {label}: job '{job['id']}' calls {uses_text(job.get('uses', {}))}: {cls}: {job.get('classNote', '')}")
                walk_steps(label, job["id"], job.get("steps", []))

for line in unsupported + failures:
    print(line)
print(f"{'class':12} {'steps':>6} {'jobs':>6}")
for cls in CLASSES + sorted((set(counts) | set(job_counts)) - set(CLASSES)):
    print(f"{cls:12} {counts[cls]:6} {job_counts[cls]:6}")
print(f"uses-classes: {files} files, {planned} planned: {steps} uses steps, {calls} reusable jobs; "
      f"{len(unsupported)} valid uses: steps unsupported, {len(failures)} failures")
sys.exit(1 if unsupported or failures else 0)
PY
