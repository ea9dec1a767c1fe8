"""Building an engine: shipped ids, rules directories, overlays, identity."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT
from pension_rules import Engine, LoadError, PensionRulesError

OVERLAY_TOML = """
[overlay]
id = "reform/rate-15"
base = "cn/shaanxi"

[contribution.employer_rate]
[[contribution.employer_rate.values]]
from = 2030-01-01
value = "0.15"
source = "scenario: analyst assumption, not law"
"""

OVERLAY_DICT = {
    "overlay": {"id": "reform/rate-15", "base": "cn/shaanxi"},
    "contribution": {
        "employer_rate": {
            "values": [
                {"from": "2030-01-01", "value": Decimal("0.15"), "source": "scenario: analyst assumption, not law"}
            ]
        }
    },
}


def test_default_is_shaanxi_and_identity_is_hashed() -> None:
    e = Engine()
    assert e.identity.id == "cn/shaanxi"
    assert len(e.identity.hash) == 64
    assert "cn/shaanxi" in repr(e)


def test_unknown_ruleset_is_a_load_error_with_diagnostics() -> None:
    with pytest.raises(LoadError) as info:
        Engine("cn/atlantis")
    e = info.value
    assert isinstance(e, PensionRulesError)
    assert e.code == "rules_invalid"
    assert e.diagnostics and e.diagnostics[0].code == "missing_rule_set"
    assert "cn/atlantis" in e.diagnostics[0].message


@pytest.mark.parametrize("overlay", [OVERLAY_TOML, OVERLAY_DICT], ids=["toml", "dict"])
def test_overlay_as_toml_or_dict_changes_id_hash_and_values(overlay) -> None:
    base = Engine("cn/shaanxi")
    e = Engine("cn/shaanxi", overlays=[overlay])
    assert e.identity.id == "cn/shaanxi+reform/rate-15"
    assert e.identity.hash != base.identity.hash
    rate = e.rules_show("2030-06-30").param("contribution.employer_rate").values[0]
    assert rate.value == "0.15"
    assert rate.provenance.source.startswith("scenario")
    # The same document as TOML or as a dict gives the same rules.
    other = Engine("cn/shaanxi", overlays=[OVERLAY_DICT if isinstance(overlay, str) else OVERLAY_TOML])
    assert other.identity.hash == e.identity.hash


def test_overlay_from_a_path(tmp_path: Path) -> None:
    e = Engine("cn/shaanxi", overlays=[ROOT / "examples" / "reform-divisor-2030.toml"])
    assert e.identity.id == "cn/shaanxi+reform/divisor-2030"


def test_bad_overlay_reports_file_line_and_key() -> None:
    bad = OVERLAY_TOML.replace('value = "0.15"', "value = 0.15")
    with pytest.raises(LoadError) as info:
        Engine("cn/shaanxi", overlays=[bad])
    d = info.value.diagnostics[0]
    assert d.code == "float_value" and d.line > 0 and "employer_rate" in d.key
    assert str(d).startswith("overlay[0]:")
    with pytest.raises(TypeError):
        Engine(overlays=[42])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="pathlib.Path"):
        Engine(overlays=["examples/reform-divisor-2030.toml"])


def test_rules_directory_with_a_new_set(tmp_path: Path) -> None:
    d = tmp_path / "my" / "set"
    d.mkdir(parents=True)
    (d / "ruleset.toml").write_text(
        'id = "my/set"\nversion = "2027.1"\nextends = "cn/shaanxi"\n', encoding="utf-8"
    )
    e = Engine("my/set", rules_dir=tmp_path)
    assert e.identity.id == "my/set" and e.identity.version == "2027.1"
    ids = [r.id for r in e.rules_list()]
    assert ids[-1] == "my/set" and {"cn/national", "cn/shaanxi", "cn/sichuan"} <= set(ids)
    r = e.retirement(birth="1965-01", category="male")
    assert r.trace.rules.id == "my/set"


def test_a_copied_shipped_set_loads_from_disk_with_the_same_hash(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    e = Engine("cn/shaanxi", rules_dir=tmp_path / "rules")
    assert e.identity.hash == Engine("cn/shaanxi").identity.hash


def test_rules_show_list_and_hash(shaanxi: Engine) -> None:
    show = shaanxi.rules_show("2025-06-30")
    assert show.id == "cn/shaanxi" and str(show.as_of) == "2025-06-30"
    assert [l.id for l in show.layers] == ["cn/national", "cn/shaanxi"]
    base = show.param("award.pension_base")
    assert any(v.key == "2024" and v.value == "7727" for v in base.values)
    assert shaanxi.rules_hash() == shaanxi.identity
    listed = {r.id for r in shaanxi.rules_list()}
    # The national base, 31 provinces and their city layers.
    assert {"cn/national", "cn/shaanxi", "cn/sichuan", "cn/guangdong/shenzhen"} <= listed
    assert len({i for i in listed if i.count("/") == 1}) == 32
    with pytest.raises(KeyError):
        show.param("no.such")
    from pension_rules import InputError

    with pytest.raises(InputError):
        shaanxi.rules_show("2025-13-01")


def test_kinds() -> None:
    assert {"retirement", "survivor"} <= set(Engine.kinds())
