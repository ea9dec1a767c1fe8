"""Run vector files through the Python binding's public API
(`Engine.check`); print the reports as the CLI's `check --json` does:
[{file, report: {cases: [{id, kind, outcome, actual}]}}]."""

import json
import sys

from pension_rules import Engine

engine = Engine()
out = []
for f in sys.argv[1:]:
    report = engine.check(open(f, encoding="utf-8").read())
    cases = []
    for c in report.cases:
        case = {
            "id": c.id,
            "kind": c.kind,
            # The typed Outcome lists every field of every variant (an
            # absent list as []); the JSON form only the set ones.
            "outcome": {k: v for k, v in c.outcome.to_dict().items() if v not in (None, [])},
        }
        if c.actual is not None:
            case["actual"] = c.actual
        cases.append(case)
    out.append({"file": f, "report": {"cases": cases}})
json.dump(out, sys.stdout, ensure_ascii=False)
