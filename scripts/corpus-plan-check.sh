#!/usr/bin/env bash
# Checks that `hearth plan --json` lists every step of every job, on a corpus of real workflows.
#
# Usage: scripts/corpus-plan-check.sh [CORPUS_DIR]   (default: ../shared/corpus/workflows)
# CORPUS_DIR holds <owner>__<repo>/.github/workflows/*.yml|yaml. Each file is planned from inside its
# <owner>__<repo> folder (so local `./.github/workflows/x.yml` calls resolve); the steps of each job
# (and of the jobs of called workflows that the plan nests) are counted independently from the YAML
# with PyYAML and compared with the plan. The corpus is read in place, never copied.
# Prints each mismatch or failure, then:
# "corpus-plan: F files, P planned: J jobs, S steps; M mismatches, E failures" (a failure is a file
# hearth plan refuses, e.g. because validation finds it invalid; its steps are not counted).
# Exit status 0 when there are no mismatches and no failures.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus/workflows}" && pwd)"
"$root/hearth" --version >/dev/null   # builds the jar once, before the loop

exec python3 - "$root/hearth" "$corpus" <<'PY'
import glob, json, os, subprocess, sys
import yaml

hearth, corpus = sys.argv[1], sys.argv[2]

def yaml_jobs(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    jobs = doc.get("jobs") if isinstance(doc, dict) else None
    return jobs if isinstance(jobs, dict) else {}

def step_count(job):
    steps = job.get("steps") if isinstance(job, dict) else None
    return len(steps) if isinstance(steps, list) else 0

def plan_jobs(levels):
    for level in levels:
        for job in level["jobs"]:
            yield job

files = planned = jobs_total = steps_total = 0
mismatches, failures, invalid = [], [], []

def compare(label, repo_dir, yaml_path, levels):
    global jobs_total, steps_total
    expected = yaml_jobs(yaml_path)
    planned = {}
    for job in plan_jobs(levels):
        planned.setdefault(job["id"], []).append(job)
    for job_id, job in expected.items():
        jobs_total += 1
        n = step_count(job)
        steps_total += n
        got = planned.get(str(job_id))
        if not got:
            mismatches.append(f"{label}: job '{job_id}' missing from the plan")
            continue
        listed = len(got[0]["steps"])
        if listed != n:
            mismatches.append(f"{label}: job '{job_id}' has {n} steps, the plan lists {listed}")
        else:
            for i, step in enumerate(job.get("steps") or []):
                group = step.get("parallel") if isinstance(step, dict) else None
                if isinstance(group, list):
                    steps_total += len(group)
                    inner = len(got[0]["steps"][i].get("steps", []))
                    if inner != len(group):
                        mismatches.append(f"{label}: job '{job_id}' step {i + 1}: a parallel group of "
                                          f"{len(group)} steps, the plan lists {inner}")
        uses = job.get("uses") if isinstance(job, dict) else None
        if isinstance(uses, str) and uses.startswith("./") and got[0].get("called") is not None:
            compare(f"{label} -> {uses}", repo_dir, os.path.join(repo_dir, uses), got[0]["called"])
    extra = set(planned) - {str(k) for k in expected}
    for job_id in sorted(extra):
        mismatches.append(f"{label}: the plan lists job '{job_id}' which the file does not have")

for repo_dir in sorted(glob.glob(os.path.join(corpus, "*__*"))):
    for path in sorted(glob.glob(os.path.join(repo_dir, ".github", "workflows", "*.y*ml"))):
        rel = os.path.relpath(path, repo_dir)
        label = os.path.relpath(path, corpus)
        files += 1
        p = subprocess.run([hearth, "plan", "--json", rel], cwd=repo_dir, capture_output=True, text=True)
        try:
            answer = json.loads(p.stdout)
        except ValueError:
            answer = None
        # Exit 1 with levels: an invalid workflow, planned as far as it could be read (its steps count).
        if p.returncode == 1 and isinstance(answer, dict) and "levels" in answer:
            invalid.append(f"{label}: invalid ({len(answer.get('problems', []))} problems), planned as read")
        elif p.returncode != 0:
            try:
                problems = json.loads(p.stdout)["problems"]
                why = f"{len(problems)} problems, first: {problems[0]['line']}:{problems[0]['column']}: " \
                      f"{problems[0]['message']}" if problems else "invalid"
            except (ValueError, KeyError, IndexError, TypeError):
                lines = (p.stdout.strip() or p.stderr.strip()).splitlines()
                why = lines[0] if lines else ""
            failures.append(f"{label}: exit {p.returncode}: {why}")
            continue
        try:
            plan = json.loads(p.stdout)
        except ValueError as e:
            failures.append(f"{label}: output is not JSON: {e}")
            continue
        planned += 1
        compare(label, repo_dir, path, plan["levels"])

for line in invalid + failures + mismatches:
    print(line)
print(f"corpus-plan: {files} files, {planned} planned ({len(invalid)} of them invalid): {jobs_total} jobs, "
      f"{steps_total} steps; {len(mismatches)} mismatches, {len(failures)} failures")
sys.exit(1 if mismatches or failures else 0)
PY
