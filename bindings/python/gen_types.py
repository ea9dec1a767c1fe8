#!/usr/bin/env python3
"""Generate ``pension_rules/_generated.py`` from the JSON Schemas in docs/schema.

    python bindings/python/gen_types.py            # rewrite the module
    python bindings/python/gen_types.py --out F    # write it elsewhere (the freshness test)

Plain Python (standard library only). What it writes:

- one frozen dataclass (a ``Record``) per object type of the results
  (``KIND.output.json``, ``check.output.json``, ``error.json``), with the
  schema's descriptions as docstrings. Decimal strings become ``Decimal``,
  ``format: date`` ``datetime.date``, months and ages stay ``str``, string
  enums ``Literal`` aliases, nested objects the generated classes. A type
  that is one of several object shapes sharing a tag (``Outcome``,
  ``CloseMethod``, ``RuleError``) or of several object types
  (``DeclaredRow``) becomes one class with every variant's fields; a field
  every variant requires is required, the others default to None;
- per kind, ``KindInput`` (a ``TypedDict`` of ``KIND.input.json``, with its
  required keys) and ``KindFields`` (the same keys, none required: what an
  :class:`Engine` method takes as keyword arguments next to an input dict);
- ``ERROR_CODES``, the ``code`` enum of error.json.

The types keep the bindings' public names: the schema names them so, with the
exceptions in ``RENAMES``.
"""

from __future__ import annotations

import argparse
import json
import keyword
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "docs" / "schema"
OUT = Path(__file__).resolve().parent / "python" / "pension_rules" / "_generated.py"

DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$"

#: Schema name -> public Python name, where the bindings named a type before the schema did.
RENAMES = {
    "Sourced": "SourcedMonths",  # Sourced<u32>: the only instance is a month count
    "DeclaredRow": "PayrollLine",  # an assessed row or a rejected one, as one class
    "ErrorReport": "RowError",  # the error of a rejected payroll row (its ``error``)
}

#: Hand-written methods (in _types.py) mixed into generated classes.
MIXINS = {
    "Trace": "_TraceMethods",
    "CheckReport": "_CheckReportMethods",
    "PayrollLine": "_PayrollLineMethods",
    "Diagnostic": "_DiagnosticMethods",
    "RulesShow": "_RulesShowMethods",
}

HEADER = '''\
"""Result and input types, generated from docs/schema — do not edit.

Regenerate with ``python bindings/python/gen_types.py``; a test fails when
this file differs from what the schemas give. The conversion machinery
(``Record``: lazy fields, ``from_dict`` / ``to_dict``, ``extra``) is
hand-written in ``_types.py``.
"""

# fmt: off
from __future__ import annotations

import datetime
from dataclasses import dataclass, field as _field
from decimal import Decimal
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union

from ._types import {imports}

'''


def _ref(s: Dict[str, Any]) -> Optional[str]:
    r = s.get("$ref")
    return r.rsplit("/", 1)[1] if r else None


def _doc(text: Optional[str], indent: str) -> List[str]:
    if not text:
        return []
    text = text.strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = text.split("\n")
    if text.endswith('"'):
        lines[-1] += " "
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    out = [f'{indent}"""{lines[0]}']
    out += [f"{indent}{x}".rstrip() for x in lines[1:]]
    out.append(f'{indent}"""')
    return out


def _load(names: List[Path]) -> Tuple[Dict[str, List[Dict[str, Any]]], Dict[str, str]]:
    """Every definition by name (one per file it appears in), and each file's root name."""
    defs: Dict[str, List[Dict[str, Any]]] = {}
    roots: Dict[str, str] = {}
    for path in names:
        doc = json.loads(path.read_text(encoding="utf-8"))
        roots[path.name] = doc["title"]
        items = dict(doc.get("$defs", {}))
        items[doc["title"]] = {k: v for k, v in doc.items() if k not in ("$defs", "$schema", "$id", "title")}
        for name, d in items.items():
            if d not in defs.setdefault(name, []):
                defs[name].append(d)
    return defs, roots


def _variants(d: Dict[str, Any]) -> Optional[List[Dict[str, Any]]]:
    for k in ("oneOf", "anyOf"):
        if k in d and all(v.get("type") == "object" or "$ref" in v for v in d[k]):
            return list(d[k])
    return None


def _is_string_enum(d: Dict[str, Any]) -> Optional[List[str]]:
    if d.get("type") == "string" and "enum" in d:
        return list(d["enum"])
    one = d.get("oneOf")
    if one and all("const" in v and v.get("type") == "string" for v in one):
        return [v["const"] for v in one]
    return None


class Gen:
    def __init__(self, schema_dir: Path) -> None:
        files = sorted(schema_dir.glob("*.json"))
        outs = [f for f in files if not f.name.endswith(".input.json")]
        ins = [f for f in files if f.name.endswith(".input.json")]
        self.out_defs, self.out_roots = _load(outs)
        self.in_defs, self.in_roots = _load(ins)
        self.error = json.loads((schema_dir / "error.json").read_text(encoding="utf-8"))
        self.aliases: Dict[str, Tuple[List[str], Optional[str]]] = {}  # Literal aliases
        self.classes: Dict[str, Dict[str, Any]] = {}  # python name -> merged object
        self.absorbed: Set[str] = set()  # defs emitted only as variants of a merged class
        self._plan()

    # ------------------------------------------------------------ planning

    def _merge_objects(self, versions: List[Dict[str, Any]]) -> Dict[str, Any]:
        """One object from several: properties of all, required of all. A
        variant's lacking a property means the property is optional."""
        props: Dict[str, Dict[str, Any]] = {}
        required: Optional[List[str]] = None
        for v in versions:
            for k, p in v.get("properties", {}).items():
                if k in props and props[k] != p:
                    if self._nullable(p) and not self._nullable(props[k]):
                        props[k] = p
                    elif props[k].get("const") is not None and p.get("const") is not None:
                        consts = props[k].get("consts", [props[k]["const"]])
                        props[k] = dict(props[k], consts=consts + [p["const"]])
                else:
                    props.setdefault(k, p)
            req = list(v.get("required", []))
            required = req if required is None else [r for r in required if r in req]
        return {
            "description": versions[0].get("description"),
            "properties": props,
            "required": required or [],
        }

    @staticmethod
    def _nullable(p: Dict[str, Any]) -> bool:
        t = p.get("type")
        if isinstance(t, list) and "null" in t:
            return True
        return any(x.get("type") == "null" for x in p.get("anyOf", []) + p.get("oneOf", []))

    def _plan(self) -> None:
        # Object types that are variants of a union of object types are
        # emitted only as that union's class.
        for versions in self.out_defs.values():
            for v in _variants(versions[0]) or []:
                r = _ref(v)
                if r:
                    self.absorbed.add(r)
        for name, versions in sorted(self.out_defs.items()):
            d = versions[0]
            if name in self.absorbed:
                continue
            enum = _is_string_enum(d)
            if enum is not None:
                self.aliases[name] = (enum, d.get("description"))
                continue
            if "properties" in d:
                merged = self._merge_objects(versions)
            else:
                variants = _variants(d)
                if variants is None:
                    continue
                refs = [_ref(v) for v in variants]
                objs = [self.out_defs[r][0] if r else v for r, v in zip(refs, variants)]
                tags = set.intersection(*(set(o.get("required", [])) for o in objs))
                if not any(refs) and not tags:
                    continue  # disjoint shapes ({"month"} or {"year"}): a plain dict
                merged = self._merge_objects(objs)
                merged["description"] = d.get("description")
            public = RENAMES.get(name, name)
            if public in self.classes:
                raise SystemExit(f"two schema types named {public}")
            self.classes[public] = merged

    # ------------------------------------------------------------ result types

    def out_type(self, p: Dict[str, Any]) -> Tuple[str, bool]:
        """The Python type of a result property, and whether it may be null."""
        if "consts" in p:
            return "Literal[" + ", ".join(json.dumps(c) for c in p["consts"]) + "]", False
        if "const" in p:
            return f"Literal[{json.dumps(p['const'])}]", False
        r = _ref(p)
        if r:
            if r in self.aliases:
                return r, False
            name = RENAMES.get(r, r)
            if name in self.classes:
                return name, False
            d = self.out_defs[r][0]
            if d.get("type") == "string":
                return "str", False  # YearMonth, Age: kept as written
            return "Dict[str, Any]", False
        for k in ("anyOf", "oneOf"):
            if k in p:
                opts = [x for x in p[k] if x.get("type") != "null"]
                if len(opts) == 1:
                    inner, _ = self.out_type(opts[0])
                    return inner, len(opts) < len(p[k])
                return "Any", True
        t: Any = p.get("type")
        null = False
        if isinstance(t, list):
            null = "null" in t
            rest = [x for x in t if x != "null"]
            t = rest[0] if len(rest) == 1 else None
        if t == "string":
            if p.get("pattern") == DECIMAL_PATTERN:
                return "Decimal", null
            if p.get("format") == "date":
                return "datetime.date", null
            if "enum" in p:
                return "Literal[" + ", ".join(json.dumps(c) for c in p["enum"]) + "]", null
            return "str", null
        if t == "integer":
            return "int", null
        if t == "number":
            return "Decimal", null
        if t == "boolean":
            return "bool", null
        if t == "array":
            if "prefixItems" in p:
                return "Tuple[" + ", ".join(self.out_type(x)[0] for x in p["prefixItems"]) + "]", null
            if "prefixItems" in p.get("items", {}):
                return "List[" + self.out_type(p["items"])[0] + "]", null
            return "List[" + self.out_type(p.get("items", {}))[0] + "]", null
        if t == "object":
            vals = list(p.get("patternProperties", {}).values())
            add = p.get("additionalProperties")
            if isinstance(add, dict):
                vals.append(add)
            if len(vals) == 1:
                return "Dict[str, " + self.out_type(vals[0])[0] + "]", null
            return "Dict[str, Any]", null
        return "Any", False

    def emit_class(self, name: str, c: Dict[str, Any]) -> List[str]:
        bases = ", ".join(([MIXINS[name]] if name in MIXINS else []) + ["Record"])
        lines = ["", "", "@dataclass(frozen=True)", f"class {name}({bases}):"]
        lines += _doc(c["description"], "    ")
        required, rest = [], []
        for key in c["required"] + sorted(k for k in c["properties"] if k not in c["required"]):
            p = c["properties"][key]
            t, null = self.out_type(p)
            attr = key + "_" if keyword.iskeyword(key) else key
            meta = f'metadata={{"key": {key!r}}}' if attr != key else ""
            is_req = key in c["required"] and not null
            if is_req and not t.startswith("List["):
                default = f"_field({meta})" if meta else None
                required.append((attr, t, default, p))
                continue
            if t.startswith("List[") and not null:
                default = "_field(default_factory=list" + (", " + meta if meta else "") + ")"
            elif t == "bool" and not null:
                default = f"_field(default=False, {meta})" if meta else "False"
            else:
                t = t if t == "Any" else f"Optional[{t}]"
                default = f"_field(default=None, {meta})" if meta else "None"
            rest.append((attr, t, default, p))
        lines.append("")
        for attr, t, default, p in required + rest:
            lines.append(f"    {attr}: {t}" + (f" = {default}" if default else ""))
            lines += _doc(p.get("description"), "    ")
        return lines

    # ------------------------------------------------------------ input types

    def in_name(self, name: str) -> str:
        if name.endswith("Input"):
            return name
        if name in self.classes or name in self.aliases and self.aliases[name][0] != self._in_enum(name):
            return name + "Input"
        return name

    def _in_enum(self, name: str) -> Optional[List[str]]:
        return _is_string_enum(self.in_defs[name][0])

    def in_type(self, p: Dict[str, Any]) -> str:
        r = _ref(p)
        if r:
            d = self.in_defs[r][0]
            if _is_string_enum(d) is not None:
                return self.in_name(r)
            if "properties" in d:
                return self.in_name(r)
            for k in ("oneOf", "anyOf"):
                if k in d:  # e.g. SheetMonths: 515 or "515.5"
                    opts = sorted({self.in_type(x) for x in d[k] if x.get("type") != "null"})
                    return opts[0] if len(opts) == 1 else "Union[" + ", ".join(opts) + "]"
            return "str"
        for k in ("anyOf", "oneOf"):
            if k in p:
                opts = [x for x in p[k] if x.get("type") != "null"]
                inner = self.in_type(opts[0]) if len(opts) == 1 else "Any"
                return f"Optional[{inner}]" if len(opts) < len(p[k]) else inner
        t = p.get("type")
        ts = t if isinstance(t, list) else [t]
        null = "null" in ts
        ts = [x for x in ts if x != "null"]
        if p.get("pattern") == DECIMAL_PATTERN:
            out = "DecimalLike"
        elif ts == ["string"]:
            out = "Literal[" + ", ".join(json.dumps(c) for c in p["enum"]) + "]" if "enum" in p else "str"
        elif ts == ["integer"]:
            out = "int"
        elif ts == ["boolean"]:
            out = "bool"
        elif ts == ["array"]:
            out = "Sequence[" + self.in_type(p.get("items", {})) + "]"
        elif ts == ["object"]:
            vals = list(p.get("patternProperties", {}).values())
            add = p.get("additionalProperties")
            if isinstance(add, dict):
                vals.append(add)
            keys = "Union[int, str]" if p.get("patternProperties") else "str"
            out = f"Mapping[{keys}, " + (self.in_type(vals[0]) if len(vals) == 1 else "Any") + "]"
        else:
            out = "Any"
        return f"Optional[{out}]" if null else out

    def emit_typeddict(self, name: str, d: Dict[str, Any], all_optional: bool = False, doc: Optional[str] = None) -> List[str]:
        props = d.get("properties", {})
        req = [] if all_optional else [k for k in d.get("required", [])]
        opt = sorted(k for k in props if k not in req)
        lines = ["", ""]

        def part(cls: str, keys: List[str], total: bool, base: Optional[str], docs: Optional[str]) -> List[str]:
            out: List[str] = []
            tot = "" if total else ", total=False"
            if any(keyword.iskeyword(k) or not k.isidentifier() for k in keys):
                body = ", ".join(f"{k!r}: {self.in_type(props[k])!r}" for k in keys)
                if base:
                    # the functional form takes no base: the keys of the base repeated
                    raise SystemExit(f"{name}: keyword keys in a derived TypedDict are not supported")
                out += [f"#: {x}".rstrip() for x in (docs or "").strip().split("\n") if docs]
                out.append(f"{cls} = TypedDict({cls!r}, {{{body}}}{tot})")
                return out
            out.append(f"class {cls}({base or 'TypedDict'}{tot}):")
            out += _doc(docs, "    ")
            if not keys and not docs:
                out.append("    pass")
            for k in keys:
                out.append(f"    {k}: {self.in_type(props[k])}")
                out += _doc(props[k].get("description"), "    ")
            return out

        description = doc or d.get("description")
        if req:
            kw = any(keyword.iskeyword(k) for k in req)
            lines += part(f"_{name}Required", req, True, None, None)
            lines += ["", ""] + part(name, opt, False, f"_{name}Required", description)
            if kw and any(keyword.iskeyword(k) for k in opt):
                raise SystemExit(f"{name}: keyword keys on both sides")
        else:
            lines += part(name, opt, False, None, description)
        return lines

    # ------------------------------------------------------------ module

    def module(self) -> str:
        body: List[str] = []
        names: List[str] = []

        codes = self.error["properties"]["code"]["enum"]
        classes = self.error["properties"]["class"]["enum"]
        body += ["", "", "#: Every stable error code (error.json's ``code``; docs/errors.md)."]
        body.append("ERROR_CODES: Tuple[str, ...] = (" + "".join(f"\n    {c!r}," for c in codes) + "\n)")
        body.append("ErrorCode = Literal[" + ", ".join(repr(c) for c in codes) + "]")
        body.append("#: The front ends' error classes (error.json's ``class``).")
        body.append("ERROR_CLASSES: Tuple[str, ...] = (" + ", ".join(repr(c) for c in classes) + ",)")
        names += ["ERROR_CODES", "ErrorCode", "ERROR_CLASSES"]

        body += ["", "", "# " + "-" * 64 + " enumerations"]
        enums = dict(self.aliases)
        for n, versions in self.in_defs.items():
            vals = _is_string_enum(versions[0])
            if vals is not None:
                enums.setdefault(self.in_name(n), (vals, versions[0].get("description")))
        for n in sorted(enums):
            vals, desc = enums[n]
            body += [""] + [f"{n} = Literal[" + ", ".join(json.dumps(v) for v in vals) + "]"]
            body += _doc(desc, "")
            names.append(n)

        body += ["", "", "# " + "-" * 64 + " results"]
        for n in sorted(self.classes):
            body += self.emit_class(n, self.classes[n])
            names.append(n)

        body += ["", "", "# " + "-" * 64 + " inputs"]
        body += ["", "", "#: A decimal input: ``Decimal``, a decimal string or an ``int`` (never a float).",
                 "DecimalLike = Union[Decimal, str, int]"]
        names.append("DecimalLike")
        nested = sorted(n for n, v in self.in_defs.items() if "properties" in v[0] and n not in self.in_roots.values())
        for n in nested:
            versions = self.in_defs[n]
            body += self.emit_typeddict(self.in_name(n), versions[0])
            names.append(self.in_name(n))
        for fname in sorted(self.in_roots):
            root = self.in_roots[fname]
            d = self.in_defs[root][0]
            kind = fname[: -len(".input.json")]
            body += self.emit_typeddict(root, d)
            fields = root[: -len("Input")] + "Fields"
            body += self.emit_typeddict(
                fields, d, all_optional=True,
                doc=f"The fields of :class:`{root}`, none required: an input dict and keyword\n"
                    f"arguments together make the ``{kind}`` input.",
            )
            names += [root, fields]

        kinds = sorted(f[: -len(".output.json")] for f in self.out_roots if f.endswith(".output.json") and f != "check.output.json")
        body += ["", "", "#: The result class of each computation kind."]
        body.append("RESULT_TYPES: Dict[str, type] = {" + "".join(
            f"\n    {k!r}: {RENAMES.get(self.out_roots[k + '.output.json'], self.out_roots[k + '.output.json'])},"
            for k in kinds) + "\n}")
        names.append("RESULT_TYPES")

        imports = ", ".join(["Record"] + sorted(set(MIXINS.values())))
        allnames = "__all__ = [" + "".join(f"\n    {n!r}," for n in names) + "\n]"
        return HEADER.format(imports=imports) + allnames + "\n".join(body) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--schema", type=Path, default=SCHEMA_DIR, help="the docs/schema directory")
    ap.add_argument("--out", type=Path, default=OUT, help="the module to write")
    args = ap.parse_args(argv)
    text = Gen(args.schema).module()
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
