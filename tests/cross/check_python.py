"""Run vector files through the Python binding; print the reports as the
CLI's `check --json` does: [{file, report}]."""

import json
import sys

from pension_rules import Engine

engine = Engine()
out = [{"file": f, "report": engine._native.check(open(f, encoding="utf-8").read())} for f in sys.argv[1:]]
json.dump(out, sys.stdout, ensure_ascii=False)
