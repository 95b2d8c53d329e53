#!/usr/bin/env python3
"""Compares `hearth validate --json` with a peer validator on a corpus of real workflows.

Usage: scripts/corpus-agreement.py CORPUS_DIR [--ours "CMD..."]... [--peer "CMD..."] [--min-percent X]
CORPUS_DIR holds <owner>__<repo>/.github/workflows/*.yml; each command runs from inside the
<owner>__<repo> folder (so local `./.github/workflows/x.yml` calls resolve) with the file's path
relative to that folder appended. Ours is `hearth validate --json` unless --ours is given (it may be
repeated). Prints each disagreement and a figure per --ours command, then ends with one line
`corpus-agreement: N/M agree (P%)` (the lowest figure when there are several commands).
With --min-percent X the exit status is 1 when that figure is below X.
"""
import json, os, shlex, subprocess, sys, glob

here = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
if not args:
    sys.exit(__doc__)
corpus = os.path.abspath(args[0])
hearth = os.path.abspath(os.path.join(here, "..", "hearth"))
ours_list = []
min_percent = None
peer = ["node", "--import", "/tmp/peers/wf/json-loader.mjs", "/tmp/peers/wf/validate.mjs"]
i = 1
while i < len(args):
    if args[i] == "--ours":
        ours_list.append(shlex.split(args[i + 1])); i += 2
    elif args[i] == "--peer":
        peer = shlex.split(args[i + 1]); i += 2
    elif args[i] == "--min-percent":
        min_percent = float(args[i + 1]); i += 2
    else:
        sys.exit("unknown argument " + args[i])


def answer(cmd, cwd, rel):
    try:
        p = subprocess.run(cmd + [rel], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        lines = p.stdout.decode("utf-8", "replace").strip().splitlines()
        got = json.loads(lines[-1])
        if not isinstance(got, dict) or not isinstance(got.get("valid"), bool) or not isinstance(got.get("errors"), list):
            return None, "bad shape"
        return got, None
    except Exception as e:
        return None, f"{type(e).__name__}: {e}"


if not ours_list:
    ours_list = [[hearth, "validate", "--json"]]
files = sorted(glob.glob(os.path.join(corpus, "*", ".github", "workflows", "*.y*ml")))
peer_answers = {}
worst = None
for ours in ours_list:
    print("== ours: " + " ".join(os.path.basename(x) if i == 0 else x for i, x in enumerate(ours)))
    agree = 0
    bad_json = 0
    for f in files:
        repo = f.split(os.sep + ".github" + os.sep)[0]
        rel = os.path.relpath(f, repo)
        o, oerr = answer(ours, repo, rel)
        if f not in peer_answers:
            peer_answers[f] = answer(peer, repo, rel)
        p, perr = peer_answers[f]
        name = os.path.relpath(f, corpus)
        if o is None:
            bad_json += 1
            print(f"NO-ANSWER {name}: {oerr}")
            continue
        if p is None:
            print(f"PEER-NO-ANSWER {name}: {perr}")
            continue
        if o["valid"] == p["valid"]:
            agree += 1
        else:
            print(f"DISAGREE {name}: ours {'valid' if o['valid'] else 'invalid'}, peer {'valid' if p['valid'] else 'invalid'}")
            for e in o.get("errors", [])[:3]:
                print(f"    ours: {e.get('line')}:{e.get('column')} {e.get('message')}")
            for e in p.get("errors", [])[:3]:
                print(f"    peer: {e.get('line')}:{e.get('column')} {e.get('message')}")
    print(f"ours: {agree}/{len(files)} agree, {bad_json} without valid JSON")
    if worst is None or agree < worst:
        worst = agree
percent = 100.0 * worst / max(1, len(files))
print(f"corpus-agreement: {worst}/{len(files)} agree ({percent:.1f}%)")
if min_percent is not None and percent < min_percent:
    sys.exit(1)
