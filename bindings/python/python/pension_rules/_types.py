"""Typed results: the hand-written machinery.

The result classes themselves are generated from docs/schema into
``_generated.py`` (``python bindings/python/gen_types.py``). This module
holds what they share: :class:`Record` and the methods some generated
classes carry (``Trace.__str__``, ``CheckReport.counts`` / ``ok``,
``PayrollLine.ok``, ``RulesShow.param``).

Each result is a frozen dataclass built from the engine's JSON result:
amounts, rates and indices are :class:`decimal.Decimal` (never float), dates
are :class:`datetime.date`, months stay ``"YYYY-MM"`` strings and ages
``"62y10m"`` strings, exactly as the engine writes them. ``to_dict()`` gives
the plain nested dict back (decimals kept as Decimal).

A field the engine adds before these classes know it is kept, not lost: it
appears in ``to_dict()`` and in ``extra``.

A result returned by an :class:`~pension_rules.Engine` method is held by the
native engine and each field converted on its first read (then kept), so an
unread trace costs nothing; the values are the same as ``from_dict`` gives.
"""

from __future__ import annotations

import dataclasses
import datetime
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Dict, List, Mapping, Optional, Tuple, Type, TypeVar

__all__ = ["Record"]

R = TypeVar("R", bound="Record")

Converter = Optional[Callable[[Any], Any]]


def _date(raw: Any) -> Any:
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:  # outside Python's years 1–9999: kept as written
        return raw


def _compile(tp: Any) -> Converter:
    """A function turning the engine's JSON value into the annotated type
    (``None``: the value is used as it is)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union:
        inner = [a for a in args if a is not type(None)]
        return _compile(inner[0]) if len(inner) == 1 else None
    if origin in (list, List):
        item = _compile(args[0])
        return None if item is None else (lambda v: [item(x) for x in v])
    if origin in (dict, Dict):
        value = _compile(args[1])
        return None if value is None else (lambda v: {k: value(x) for k, x in v.items()})
    if origin in (tuple, Tuple):
        return tuple
    if tp is Decimal:
        return Decimal
    if tp is datetime.date:
        return _date
    if isinstance(tp, type) and issubclass(tp, Record):
        return _builder(tp)
    return None


def _plain(v: Any) -> Any:
    if isinstance(v, Record):
        return v.to_dict()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _key(f: dataclasses.Field) -> str:
    return str(f.metadata.get("key", f.name))


_BUILDERS: Dict[type, Callable[[Mapping[str, Any]], Any]] = {}
_BUILDING: set = set()
# name -> (key, converter, default) of each record class's fields.
_FIELDS: Dict[type, Dict[str, Tuple[str, Converter, Callable[[], Any]]]] = {}


def _fields(cls: type, hints: Dict[str, Any]) -> Dict[str, Tuple[str, Converter, Callable[[], Any]]]:
    out = {}
    for f in dataclasses.fields(cls):
        if f.default_factory is not dataclasses.MISSING:
            default: Callable[[], Any] = f.default_factory
        else:
            default = (lambda d: (lambda: d))(None if f.default is dataclasses.MISSING else f.default)
        out[f.name] = (_key(f), _compile(hints[f.name]), default)
    return out


_NO_DEFAULT: Any = object()


class _Field:
    """A field's class attribute, set once its class has built a record.

    On a record held natively (see ``Record._native``) the field is
    converted on its first read and kept in the instance (whose own value,
    once set, comes first: this is a non-data descriptor). Read on the
    class, it is the field's default, as the dataclass had it. There is no
    ``__getattr__``: an attribute that is not a field is an AttributeError,
    for Python as for type checkers."""

    __slots__ = ("name", "key", "conv", "default", "class_default")

    def __init__(self, name: str, key: str, conv: Converter, default: Callable[[], Any], class_default: Any) -> None:
        self.name = name
        self.key = key
        self.conv = conv
        self.default = default
        self.class_default = class_default

    def __get__(self, obj: Any, cls: Any = None) -> Any:
        if obj is None:
            if self.class_default is _NO_DEFAULT:
                raise AttributeError(f"type object {cls.__name__!r} has no attribute {self.name!r}")
            return self.class_default
        d = obj.__dict__
        raw = d.get("__raw__")
        if raw is None:
            raise AttributeError(f"{type(obj).__name__!r} object has no attribute {self.name!r}")
        v = raw.get(self.key)
        value = self.default() if v is None else (v if self.conv is None else self.conv(v))
        d[self.name] = value
        return value


class _Extra:
    """``Record.extra``: the fields of the engine's result the class does not
    declare (converted once, on a record held natively)."""

    def __get__(self, obj: Any, cls: Any = None) -> Any:
        if obj is None:
            return self
        d = obj.__dict__
        raw = d.get("__raw__")
        if raw is None:  # built by its constructor: nothing undeclared
            extra: Dict[str, Any] = {}
        else:
            known = {spec[0] for spec in _FIELDS[type(obj)].values()}
            extra = {k: raw.get(k) for k in raw.keys() if k not in known}
        d["extra"] = extra
        return extra


def _builder(cls: type) -> Callable[[Mapping[str, Any]], Any]:
    """``cls.from_dict`` as one straight-line function, written once per
    class: a typed result is built per call, often per person, and a loop
    over a generic plan cost more than the computation itself.

    (A result straight from the engine is built lazily instead: see
    ``Record._native``.)"""
    b = _BUILDERS.get(cls)
    if b is not None:
        return b
    if cls in _BUILDING:  # a record nested in itself: go through from_dict
        return lambda v: cls.from_dict(v)  # type: ignore[attr-defined]
    _BUILDING.add(cls)
    try:
        hints = typing.get_type_hints(cls)  # each class's names in its own module
        ns: Dict[str, Any] = {"cls": cls, "new": cls.__new__}
        known = []
        body = ["def build(data):", "    get = data.get", "    obj = new(cls)", "    d = obj.__dict__"]
        for i, f in enumerate(dataclasses.fields(cls)):
            key = _key(f)
            known.append(key)
            conv = _compile(hints[f.name])
            if f.default_factory is not dataclasses.MISSING:
                ns[f"f{i}"] = f.default_factory
                default = f"f{i}()"
            else:
                ns[f"k{i}"] = None if f.default is dataclasses.MISSING else f.default
                default = f"k{i}"
            body.append(f"    v = get({key!r})")
            if conv is None:
                body.append(f"    d[{f.name!r}] = {default} if v is None else v")
                continue
            ns[f"c{i}"] = conv
            body.append(f"    if v is None:\n        d[{f.name!r}] = {default}")
            body.append(f"    else:\n        d[{f.name!r}] = c{i}(v)")
        ns["known"] = frozenset(known)
        body.append("    d['extra'] = {} if data.keys() <= known else {k: v for k, v in data.items() if k not in known}")
        body.append("    return obj")
        exec("\n".join(body), ns)  # noqa: S102  (generated from the dataclass fields only)
        b = ns["build"]
        _BUILDERS[cls] = b
        _FIELDS[cls] = _fields(cls, hints)
        for f in dataclasses.fields(cls):
            # Every field reads through to the native result (see ``_native``);
            # the dataclass kept a defaulted field's default on the class,
            # which would hide the converted value: the descriptor keeps it.
            fkey, fconv, fdefault = _FIELDS[cls][f.name]
            class_default = _NO_DEFAULT if f.default is dataclasses.MISSING else f.default
            setattr(cls, f.name, _Field(f.name, fkey, fconv, fdefault, class_default))
        return b  # type: ignore[no-any-return]
    finally:
        _BUILDING.discard(cls)


class Record:
    """Base of every typed result: ``from_dict`` / ``to_dict``."""

    extra: ClassVar[Dict[str, Any]]

    @classmethod
    def from_dict(cls: Type[R], data: Mapping[str, Any]) -> R:
        """Build from the engine's JSON-like dict."""
        # A frozen dataclass: its fields are filled without the per-field checks.
        return _builder(cls)(data)  # type: ignore[no-any-return]

    @classmethod
    def _native(cls: Type[R], raw: Any) -> R:
        """A result held by the native engine (a ``LazyValue``): each field is
        converted on its first read, then kept. Most callers read a few
        figures of a result, and converting all of it (the trace above all)
        cost more than computing it."""
        _builder(cls)
        obj = cls.__new__(cls)
        obj.__dict__["__raw__"] = raw
        return obj

    def __getstate__(self) -> Dict[str, Any]:
        # Copies and pickles hold plain values only.
        if "__raw__" in self.__dict__:
            for name in _FIELDS[type(self)]:
                getattr(self, name)
            self.extra  # noqa: B018  (converts it)
        return {k: v for k, v in self.__dict__.items() if k != "__raw__"}

    def to_dict(self) -> Dict[str, Any]:
        """The result as a plain dict (nested records as dicts; Decimal,
        date kept), with the engine's field names."""
        out = {_key(f): _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]
        out.update(getattr(self, "extra", {}))
        return out


setattr(Record, "extra", _Extra())


# ---------------------------------------------------------------- methods of generated classes
#
# Mixed into the generated classes named in gen_types.py's MIXINS.


class _TraceMethods:
    """``str(trace)``: the steps with their formulas and legal sources."""

    if TYPE_CHECKING:
        rules: Any
        steps: List[Any]

    def __str__(self) -> str:
        lines = [f"rules: {self.rules.id} {self.rules.version} sha256:{self.rules.hash[:12]}"]
        for s in self.steps:
            lines.append(f"{s.label} {s.name} = {s.value}")
            lines.append(f"    {s.formula}")
            for p in s.params:
                key = f"[{p.key}]" if p.key else ""
                lines.append(f"    {p.param}{key} = {p.value} — {p.provenance.source}")
        return "\n".join(lines)


class _CheckReportMethods:
    """Counting a check report's outcomes."""

    if TYPE_CHECKING:
        cases: List[Any]

    def counts(self) -> Dict[str, int]:
        """Cases by status."""
        out = {"pass": 0, "fail": 0, "error": 0, "unsupported": 0}
        for c in self.cases:
            out[c.outcome.status] = out.get(c.outcome.status, 0) + 1
        return out

    def ok(self, allow_unsupported: bool = False) -> bool:
        """Whether every case passed (unsupported kinds allowed if asked)."""
        n = self.counts()
        return n["fail"] == 0 and n["error"] == 0 and (allow_unsupported or n["unsupported"] == 0)


class _RulesShowMethods:
    """One parameter of ``rules show`` by name."""

    if TYPE_CHECKING:
        params: List[Any]

    def param(self, name: str) -> Any:
        """One parameter by name (``KeyError`` if absent)."""
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)


class _DiagnosticMethods:
    """``str(diagnostic)``: ``file:line:column: key: message``."""

    if TYPE_CHECKING:
        file: str
        line: int
        column: int
        key: str
        message: str

    def __str__(self) -> str:
        key = f"{self.key}: " if self.key else ""
        return f"{self.file}:{self.line}:{self.column}: {key}{self.message}"


class _PayrollLineMethods:
    """Whether a payroll row was assessed."""

    if TYPE_CHECKING:
        error: Any

    @property
    def ok(self) -> bool:
        """The row was assessed (``error`` is None)."""
        return self.error is None
