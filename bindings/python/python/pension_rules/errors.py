"""Exceptions raised by pension_rules.

Every error of the engine is a :class:`PensionRulesError` with a stable
``code`` (the same codes as the Rust library and the CLI):

============================  =====================  ===========================
exception                     ``code``               extra attribute
============================  =====================  ===========================
:class:`InputError`           ``invalid_input``      ``fields``: ``[(path, message)]``
:class:`RulesError`           ``rule_not_in_force``,  ``details``: dict
                              ``rule_missing_year``,
                              ``rule_missing_row``
:class:`LoadError`            ``rules_invalid``,     ``diagnostics``: list of :class:`Diagnostic`
                              ``hash_mismatch``,
                              ``ruleset_conflict``
:class:`NotApplicableError`   ``not_applicable``     —
============================  =====================  ===========================

:data:`CODES` maps every code to its class; the codes are error.json's
``code`` enum (generated into ``_generated.ERROR_CODES``).

>>> from pension_rules import Engine, InputError
>>> try:
...     Engine("cn/national").retirement(birth="1970-13", category="female_60")
... except InputError as e:
...     print(e.code, [path for path, _ in e.fields])
invalid_input ['birth', 'category']
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Type

from ._generated import ERROR_CODES, Diagnostic

__all__ = [
    "PensionRulesError",
    "InputError",
    "RulesError",
    "LoadError",
    "NotApplicableError",
    "Diagnostic",
    "CODES",
]


class PensionRulesError(Exception):
    """Base of every error of the engine; ``code`` is machine-readable;
    ``remedy`` (English) and ``remedy_zh`` say what to do — for a rule value
    an input or an assumption can supply, the exact keyword
    (``pension_base=``) or assumptions key."""

    code: str
    remedy: str = ""
    remedy_zh: str = ""

    def __init__(self, message: str, *, code: str = "error") -> None:
        super().__init__(message)
        self.code = code

    @property
    def message(self) -> str:
        """The human-readable message."""
        return str(self.args[0]) if self.args else ""

    @property
    def message_zh(self) -> str:
        """The code's sentence in Chinese (``输入有误``), from the engine's one
        table of messages; the details stay in :attr:`message` and the
        error's fields."""
        from . import _native

        return _native.error_message(self.code, "zh") or "出错了"


class InputError(PensionRulesError, ValueError):
    """The input has one or more invalid fields; ``fields`` lists them all
    as ``(path, message)`` pairs (``history[2].base``)."""

    fields: List[Tuple[str, str]]

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid_input",
        fields: Iterable[Tuple[str, str]] = (),
    ) -> None:
        super().__init__(message, code=code)
        self.fields = [(str(p), str(m)) for p, m in fields]


class RulesError(PensionRulesError):
    """The rule set lacks a value the computation needs (a year's average
    wage, a table row …); ``details`` names the parameter and the date,
    year or key."""

    details: Dict[str, Any]

    def __init__(
        self,
        message: str,
        *,
        code: str = "rule_missing",
        details: Optional[Mapping[str, Any]] = None,
    ) -> None:
        super().__init__(message, code=code)
        self.details = dict(details or {})


class LoadError(PensionRulesError):
    """A rule set (or overlay) could not be loaded; ``diagnostics`` lists
    every problem with file, line, column and key."""

    diagnostics: List[Diagnostic]

    def __init__(
        self,
        message: str,
        *,
        code: str = "rules_invalid",
        diagnostics: Iterable[Mapping[str, Any]] = (),
    ) -> None:
        super().__init__(message, code=code)
        self.diagnostics = [
            d if isinstance(d, Diagnostic) else Diagnostic.from_dict(d) for d in diagnostics
        ]


class NotApplicableError(PensionRulesError):
    """The case is valid but the law gives no result for it."""

    def __init__(self, message: str, *, code: str = "not_applicable") -> None:
        super().__init__(message, code=code)


def _class_of(code: str) -> Type[PensionRulesError]:
    """The exception class of a code, by its family (docs/errors.md, "Front
    ends"): the schema lists the codes, not their classes."""
    if code == "invalid_input":
        return InputError
    if code.startswith("rule_"):
        return RulesError
    if code in ("rules_invalid", "hash_mismatch", "ruleset_conflict"):
        return LoadError
    if code == "not_applicable":
        return NotApplicableError
    raise ImportError(f"error code {code!r} of docs/schema/error.json has no exception class in errors.py")


#: Every code the engine raises, with the class of its exception
#: (docs/errors.md); a test checks it against the Rust error types.
CODES: Dict[str, Type[PensionRulesError]] = {code: _class_of(code) for code in ERROR_CODES}
