#!/usr/bin/env python3
"""Compares `hearth validate --json` with a peer validator on a corpus of real workflows.

Usage: scripts/corpus-agreement.py CORPUS_DIR [--ours "CMD..."]... [--peer "CMD..."]
CORPUS_DIR holds <owner>__<repo>/.github/workflows/*.yml; each command runs from inside the
<owner>__<repo> folder (so local `./.github/workflows/x.yml` calls resolve) with the file's path
relative to that folder appended. Prints each disagreement, then the agreement figure, once per
--ours command. By default ours runs twice: `hearth validate --json` (calls that cannot be found are
skipped, the workflow may be valid on GitHub) and with `--strict-calls` (they are errors, as the
offline peer reports them).
"""
import json, os, shlex, subprocess, sys, glob

here = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
if not args:
    sys.exit(__doc__)
corpus = os.path.abspath(args[0])
hearth = os.path.abspath(os.path.join(here, "..", "hearth"))
ours_list = []
peer = ["node", "--import", "/tmp/peers/wf/json-loader.mjs", "/tmp/peers/wf/validate.mjs"]
i = 1
while i < len(args):
    if args[i] == "--ours":
        ours_list.append(shlex.split(args[i + 1])); i += 2
    elif args[i] == "--peer":
        peer = shlex.split(args[i + 1]); i += 2
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
    ours_list = [[hearth, "validate", "--json"], [hearth, "validate", "--json", "--strict-calls"]]
files = sorted(glob.glob(os.path.join(corpus, "*", ".github", "workflows", "*.y*ml")))
peer_answers = {}
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
    print(f"corpus-agreement: {agree}/{len(files)} agree ({100.0 * agree / max(1, len(files)):.1f}%), {bad_json} without valid JSON")
