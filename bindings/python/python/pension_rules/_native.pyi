"""Type stubs of the native module (use :mod:`pension_rules` instead)."""

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

__version__: str

class LazyValue:
    """A JSON value held natively until read."""

    def value(self) -> Any: ...

class NativeEngine:
    def __init__(
        self,
        ruleset: str,
        rules_dir: Optional[str] = None,
        overlays: Sequence[Tuple[str, Union[str, Mapping[str, Any]]]] = ...,
        pins: Sequence[Tuple[str, str]] = ...,
    ) -> None: ...
    def identity(self) -> Dict[str, str]: ...
    def layers(self) -> List[Dict[str, Any]]: ...
    @staticmethod
    def kinds() -> List[str]: ...
    def compute(self, kind: str, input: Mapping[str, Any], trace: bool) -> Dict[str, Any]: ...
    def compute_typed(
        self, kind: str, input: Mapping[str, Any], trace: bool, known_on: Optional[str] = None
    ) -> Dict[str, Any]: ...
    def explain(self, kind: str, input: Mapping[str, Any]) -> Dict[str, Any]: ...
    def figures(self, kind: str, input: Mapping[str, Any]) -> Dict[str, Any]: ...
    def batch(
        self, kind: str, columns: Mapping[str, List[Any]], n_rows: int
    ) -> Dict[str, List[Any]]: ...
    def payroll(
        self,
        rows: Union[str, Sequence[Mapping[str, Any]], Mapping[str, Any]],
        month: Optional[str] = None,
        year: Optional[int] = None,
        trace: bool = False,
    ) -> Dict[str, Any]: ...
    def award_with(
        self,
        input: Mapping[str, Any],
        known_on: Optional[str] = None,
        final_known_on: Optional[str] = None,
        arrears_through: Optional[str] = None,
        trace: bool = True,
    ) -> Dict[str, Any]: ...
    def award_text(
        self,
        input: Mapping[str, Any],
        format: str,
        known_on: Optional[str] = None,
        final_known_on: Optional[str] = None,
        arrears_through: Optional[str] = None,
    ) -> str: ...
    def check(self, cases: Union[str, Mapping[str, Any], Sequence[Mapping[str, Any]]]) -> Dict[str, Any]: ...
    def show(self, as_of: str, known_on: Optional[str] = None) -> Dict[str, Any]: ...
    def list(self) -> List[Dict[str, Any]]: ...

class NativeScenarios:
    def names(self) -> List[str]: ...

def scenarios(
    engine: NativeEngine, reforms: Sequence[Tuple[str, Union[str, Mapping[str, Any]]]] = ...
) -> NativeScenarios: ...
def simulate(
    scenarios: NativeScenarios,
    columns: Mapping[str, Any],
    n_rows: int,
    assumptions: Optional[Mapping[str, Any]] = None,
    last_year: Optional[int] = None,
    arrow: bool = False,
    first_row: int = 0,
) -> Dict[str, Any]: ...
def synthetic_population(engine: NativeEngine, n: int, seed: int, arrow: bool = False) -> Dict[str, Any]: ...
def error_examples() -> List[BaseException]: ...
