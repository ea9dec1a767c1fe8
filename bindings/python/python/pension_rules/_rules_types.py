"""Views of the rule sets the JSON Schemas do not cover: ``rules show``
(:class:`RulesShow`) and ``rules list`` (:class:`RuleSetInfo`), written by
hand on the same :class:`~pension_rules._types.Record` machinery as the
generated result types."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from ._generated import Provenance
from ._types import Record

__all__ = ["Layer", "ResolvedValue", "ResolvedParam", "RulesShow", "RuleSetInfo"]


@dataclass(frozen=True)
class Layer(Record):
    """One layer of a rule set (national, province, overlay)."""

    id: str
    overlay: bool
    version: Optional[str] = None
    title: Optional[str] = None
    region: Optional[str] = None
    description: Optional[str] = None


@dataclass(frozen=True)
class ResolvedValue(Record):
    """A parameter value in force, with its source (``from_`` is the JSON
    ``from``)."""

    value: str
    provenance: Provenance
    key: Optional[str] = None
    from_: Optional[datetime.date] = field(default=None, metadata={"key": "from"})


@dataclass(frozen=True)
class ResolvedParam(Record):
    """A parameter and the values that apply on the date."""

    name: str
    values: List[ResolvedValue] = field(default_factory=list)
    title: Optional[str] = None
    unit: Optional[str] = None


@dataclass(frozen=True)
class RulesShow(Record):
    """Every parameter in force on ``as_of``, with sources."""

    id: str
    version: str
    hash: str
    as_of: datetime.date
    layers: List[Layer] = field(default_factory=list)
    params: List[ResolvedParam] = field(default_factory=list)
    known_on: Optional[datetime.date] = None

    def param(self, name: str) -> ResolvedParam:
        """One parameter by name (``KeyError`` if absent)."""
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)


@dataclass(frozen=True)
class RuleSetInfo(Record):
    """A rule set the engine can load (or why it cannot)."""

    id: str
    version: Optional[str] = None
    hash: Optional[str] = None
    region: Optional[str] = None
    title: Optional[str] = None
    error: Optional[Dict[str, str]] = None
