#!/usr/bin/env python3
"""Write the committed seed corpus (fuzz/corpus/<target>/) from tests/vectors,
rules/ and examples/. Re-run after the vectors or rules change:

    python3 fuzz/make_corpus.py

File names are the sha1 of the content, as libFuzzer names its own finds."""
import hashlib
import json
import re
import pathlib
import shutil
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
KINDS = ["contribution", "retirement", "account", "award", "transfer", "survivor", "adjustment"]
# core/src/api.rs `Kind::ALL` order, for the api_json target.
API_KINDS = ["contribution", "account", "retirement", "award", "transfer", "adjustment", "survivor"]


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def rule_files(set_dir):
    return sorted((ROOT / "rules" / set_dir).glob("*.toml"))


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    # rules_load: files joined by `=== path` lines.
    for s in ["cn/national", "cn/shaanxi"]:
        for f in rule_files(s):
            if f.name == "ruleset.toml":
                continue
            head = f'id = "fuzz/t"\nversion = "0"\nextends = "{s}"\n'
            put("rules_load", f"=== t/ruleset.toml\n{head}=== t/{f.name}\n{f.read_text()}")
    put("rules_load", 'id = "fuzz/empty"\nversion = "1"\n')
    # rules_overlay: each file as an overlay, and the example scenario.
    for s in ["cn/national", "cn/shaanxi"]:
        for f in rule_files(s):
            if f.name != "ruleset.toml":
                put("rules_overlay", f'[overlay]\nid = "fuzz/{f.stem}"\n\n{f.read_text()}')
    for f in sorted((ROOT / "examples").glob("*.toml")):
        put("rules_overlay", f.read_text())
        # The same overlay as data, as the Python and WASM front ends pass it.
        data = json.dumps(tomllib.loads(f.read_text()), default=str, ensure_ascii=False)
        put("api_json", bytes([0x30]) + data.encode())
    for s in ["cn/national", "cn/shaanxi"]:
        for f in rule_files(s):
            if f.name != "ruleset.toml" and len(f.read_text()) < 12000:
                data = tomllib.loads(f.read_text())
                data["overlay"] = {"id": f"fuzz/{f.stem}"}
                put("api_json", bytes([0x38]) + json.dumps(data, default=str, ensure_ascii=False).encode())
    # check_json / check_cases / engine_json from the vectors.
    for f in sorted((ROOT / "tests" / "vectors").glob("*.json")):
        cases = json.loads(f.read_text())
        if f.name == "invalid.json":
            put("check_json", f.read_text())
        for c in cases:
            put("check_json", json.dumps(c, ensure_ascii=False, separators=(",", ":")))
            national = 0x80 if c.get("ruleset") == "cn/national" else 0
            if c["kind"] in KINDS:
                sel = KINDS.index(c["kind"]) | national
                put("engine_json", bytes([sel]) + json.dumps(c["input"], ensure_ascii=False).encode())
                op = len(c["id"]) % 3  # compute with trace, without, figures
                sel = API_KINDS.index(c["kind"]) | (0x08 if national else 0) | (op << 4)
                put("api_json", bytes([sel]) + json.dumps(c["input"], ensure_ascii=False).encode())
    # check_cases drives a mutator: any bytes are a valid seed.
    for i in range(64):
        put("check_cases", hashlib.sha256(f"seed-{i}".encode()).digest() * 2)
    # payroll_csv: the first byte picks CSV/JSON and the period.
    csv_text = (ROOT / "examples" / "unit-payroll.csv").read_text()
    for sel in [0x00, 0x04, 0x13, 0x26]:
        put("payroll_csv", bytes([sel]) + csv_text.encode())
    mixed = ("employee_id,wage,employment\nA,4649.99,employee\nB,abc,employee\n"
             "C,1e30,flexible\n,6000,employee\nA,-5,contract\n")
    put("payroll_csv", b"\x00" + mixed.encode())
    rows = [{"employee_id": "E1", "wage": "6000", "employment": "employee"},
            {"employee_id": "E2", "wage": "99999999999999999999999999.99", "employment": "flexible"}]
    put("payroll_csv", b"\x80" + json.dumps(rows).encode())
    put("payroll_csv", b"\x84" + json.dumps({"rows": rows}).encode())
    # population_csv: the first byte picks the block size and the path.
    pop = (ROOT / "examples" / "population.csv").read_text()
    for sel in [0x00, 0x03, 0x08]:
        put("population_csv", bytes([sel]) + pop.encode())
    head = pop.splitlines()[0]
    odd = [head,
           "h1,1990-03,male,2012-07,,0,1e30,,,,",
           "h2,1990-03,male,2012-07,,4294967295,1.0,,4294967295,1.0,79228162514264337593543950335",
           "h3,9999-12,female_50,9999-12,,0,1.0,,,,",
           "h4,1990-03,male,2012-07,2011-01,0,-1,,,,",
           "h5,1990-03,male",
           ""]
    put("population_csv", b"\x01" + "\n".join(odd).encode())


def dictionaries():
    """libFuzzer dictionaries: the field names of the vectors, the
    parameter and entry keys of the rule files."""
    (ROOT / "fuzz" / "dict").mkdir(exist_ok=True)
    names = set()

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                names.add(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for f in (ROOT / "tests" / "vectors").glob("*.json"):
        walk(json.loads(f.read_text()))
    toks = sorted(f'"\\"{n}\\":"' for n in names)
    toks += ['"\\"1e30\\""', '"\\"-1\\""', '"\\"9999-12\\""', '"9223372036854775807"', '"null"', '"[]"', '"{}"']
    (ROOT / "fuzz" / "dict" / "json.dict").write_text("\n".join(toks) + "\n")
    keys = set()
    for f in (ROOT / "rules").rglob("*.toml"):
        for line in f.read_text().splitlines():
            m = re.match(r"^\s*\[{1,2}([A-Za-z0-9_.]+)\]{1,2}", line) or re.match(r"^\s*([A-Za-z0-9_]+)\s*=", line)
            if m:
                keys.add(m.group(1))
    toks = sorted(f'"{k}"' for k in keys)
    toks += ['"[overlay]"', '"[["', '"]]"', '" = "', '"\\"0.16\\""', '"2025-01-01"', '"=== t/ruleset.toml\\x0a"']
    (ROOT / "fuzz" / "dict" / "toml.dict").write_text("\n".join(toks) + "\n")


if __name__ == "__main__":
    main()
    dictionaries()
