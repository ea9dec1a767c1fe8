"""Compare check reports of several front ends: same cases, same outcome,
and for every case the same actual fields with identical JSON values (a
string "7881.00" and a string "7881" differ; so do "2" and 2)."""

import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return {r["file"]: r["report"]["cases"] for r in json.load(f)}


def main(paths):
    names = [p.rsplit("/", 1)[-1].removesuffix(".json") for p in paths]
    reports = [load(p) for p in paths]
    base_name, base = names[0], reports[0]
    problems = []
    counts = {"cases": 0, "fields": 0}
    for name, rep in zip(names[1:], reports[1:]):
        if sorted(rep) != sorted(base):
            problems.append(f"{name}: files {sorted(rep)} != {base_name}: {sorted(base)}")
            continue
        for file, cases in base.items():
            other = rep[file]
            if [c["id"] for c in cases] != [c["id"] for c in other]:
                problems.append(f"{file}: case ids differ between {base_name} and {name}")
                continue
            for a, b in zip(cases, other):
                where = f"{file} {a['id']}"
                if a["outcome"] != b["outcome"]:
                    problems.append(f"{where}: outcome {base_name}={a['outcome']} {name}={b['outcome']}")
                fa, fb = a.get("actual") or {}, b.get("actual") or {}
                for field in sorted(set(fa) | set(fb)):
                    va, vb = fa.get(field, "<absent>"), fb.get(field, "<absent>")
                    if json.dumps(va) != json.dumps(vb):
                        problems.append(f"{where}: {field}: {base_name}={va!r} {name}={vb!r}")
                if name == names[1]:
                    counts["cases"] += 1
                    counts["fields"] += len(fa)
    for p in problems:
        print("DIFF", p)
    statuses = {}
    for cases in base.values():
        for c in cases:
            statuses[c["outcome"]["status"]] = statuses.get(c["outcome"]["status"], 0) + 1
    print(
        f"cross-front-end: {counts['cases']} cases, {counts['fields']} actual fields compared "
        f"across {', '.join(names)}; outcomes {statuses}; {len(problems)} differences"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
