"""The shape of the house (docs/architecture.md): every blueprint keeps its `bp` in the package's
`__init__`, its views in `routes.py` / `routes_<topic>.py`, and the import-linter contracts of
pyproject.toml name every blueprint and every view module, so a new one is held by the same rules.
"""
import ast
import re
import tomllib
from pathlib import Path

from portal import BLUEPRINTS

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "portal"
VIEW = re.compile(r"^@bp\.(route|get|post|put|patch|delete)\(", re.M)


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["type"] + ":" + c["name"].split(":")[0]: c
            for c in config["tool"]["importlinter"]["contracts"]}


def _view_modules() -> set[str]:
    return {f"portal.{p.parent.name}.{p.stem}" for p in PORTAL.glob("*/*.py")
            if VIEW.search(p.read_text())}


def test_views_live_in_routes_modules():
    misnamed = sorted(m for m in _view_modules()
                      if not re.fullmatch(r"portal\.\w+\.routes(_\w+)?", m))
    assert misnamed == []


def test_every_blueprint_is_a_package_holding_its_bp():
    for module, _prefix in BLUEPRINTS:
        init = (ROOT / module.replace(".", "/") / "__init__.py").read_text()
        assert "Blueprint(" in init, module
        assert module.count(".") == 1, module


def test_contracts_name_every_blueprint_and_view_module():
    contracts = _contracts()
    protected = contracts["protected:Blueprints reach each other through services"]
    assert set(protected["protected_modules"]) == _view_modules()
    blueprints = {module for module, _prefix in BLUEPRINTS} | {"portal.dokumen"}
    assert set(protected["allowed_importers"]) == blueprints
    assert set(contracts["acyclic_siblings:No import cycle inside a blueprint"]["ancestors"]) \
        == blueprints
    assert set(contracts["forbidden:Models are plain tables"]["forbidden_modules"]) == blueprints
    assert set(contracts["forbidden:Work below the web"]["forbidden_modules"]) == _view_modules()


def test_no_view_module_imports_another():
    importing = {}
    for path in PORTAL.glob("*/routes*.py"):
        names = re.findall(r"^from portal\.\w+(?:\.(routes\w*))? import ([\w, ]+)",
                           path.read_text(), re.M)
        bad = [n for mod, n in names if mod or re.search(r"\broutes\w*", n)]
        if bad:
            importing[str(path.relative_to(ROOT))] = bad
    assert importing == {}


def test_no_test_module_imports_another():
    """Shared helpers live in conftest.py or tests/helpers/, never in another test module."""
    importing = {}
    for path in (ROOT / "tests").rglob("*.py"):
        found = re.findall(r"^\s*(?:from|import) (tests(?:\.\w+)*\.test_\w+)", path.read_text(),
                           re.M)
        if found:
            importing[str(path.relative_to(ROOT))] = found
    assert importing == {}


# An endpoint is named `<noun>_<verb>` (docs/architecture.md, "Naming"): `skp.rhk_new`, not
# `skp.tambah_rhk`. A name of one word (`skp.ajukan`) has the blueprint for its noun.
VERBS = {"tambah", "ubah", "simpan", "hapus", "geser", "setujui", "terima", "tolak", "tulis",
         "unggah", "unduh", "baca", "buat", "kirim", "ajukan", "putuskan", "perbaiki", "aktif",
         "aktifkan", "nonaktifkan", "salin", "cabut", "pindah", "lihat", "add", "edit", "delete",
         "create", "new", "save", "move", "change", "switch", "remove", "update", "show", "get"}


def test_endpoints_are_named_noun_first(app):
    verb_first = sorted(rule.endpoint for rule in app.url_map.iter_rules()
                        if "_" in rule.endpoint.rpartition(".")[2]
                        and rule.endpoint.rpartition(".")[2].split("_")[0] in VERBS)
    assert verb_first == [], "endpoint <kata benda>_<kata kerja>, lihat docs/architecture.md"


# A form's plumbing verb is English (`tpp.kelas_save`, not `tpp.kelas_simpan`); a step of the
# procedure keeps its Indonesian word (`presensi.bulan_tutup`, `tpp.run_setujui`).
FORM_VERBS_ID = {"baru", "hapus", "simpan", "ubah", "unduh", "unggah", "tambah"}


def test_form_verbs_are_english(app):
    indonesian = sorted(rule.endpoint for rule in app.url_map.iter_rules()
                        if "_" in rule.endpoint.rpartition(".")[2]
                        and rule.endpoint.rpartition(".")[2].split("_")[-1] in FORM_VERBS_ID)
    assert indonesian == [], "kata kerja formulir dalam bahasa Inggris, lihat docs/architecture.md"


def _only_status(expr) -> bool:
    if isinstance(expr, ast.BoolOp):
        return all(_only_status(v) for v in expr.values)
    return isinstance(expr, ast.Compare) and any(
        isinstance(n, ast.Attribute) and n.attr == "status_code" for n in ast.walk(expr.left))


def _status_only_tests() -> set[str]:
    found = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        for fn in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(fn, ast.FunctionDef) and fn.name.startswith("test_")):
                continue
            asserts = [n for n in ast.walk(fn) if isinstance(n, ast.Assert)]
            helpers = [n for n in ast.walk(fn) if isinstance(n, ast.Call)
                       and "assert" in ast.unparse(n.func).lower()]
            if asserts and not helpers and all(_only_status(a.test) for a in asserts):
                found.add(f"{path.relative_to(ROOT)}::{fn.name}")
    return found


def test_no_test_asserts_only_a_status_code():
    """A status code alone says little: a test also shows what did or did not change (the row,
    the message shown, the object created)."""
    assert sorted(_status_only_tests()) == []
