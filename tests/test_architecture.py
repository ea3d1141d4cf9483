"""The import rule of ARCHITECTURE.md, read from the source: a shell or an engine that reaches past its layer
fails here, naming the file, the line and the import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
SHELLS = ("cli", "web")
ENGINES = (
    "corpus",
    "cycle",
    "drafting",
    "index",
    "ingest",
    "llm",
    "office",
    "qa",
    "retrieval",
    "review",
    "store",
    "suggest",
)
CONFIGURED = ("index", "llm")  # the adapters a settings object configures (the index's folder, the model's endpoint)
SHELL_MAY_IMPORT = ("services", "domain", "errors", "settings", "outfile")
EXTRA = {"cli": ("web", "evals")}  # `assistant serve` starts the page; `assistant eval` runs the eval harness
ABOVE_ENGINES = ("services", "cli", "web", "evals")


def imports(source: str) -> list[tuple[int, str]]:
    """Every ``assistant.…`` module ``source`` imports (top level, in functions, under TYPE_CHECKING), with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return [(line, module) for line, module in found if module == "assistant" or module.startswith("assistant.")]


def violations(layer: str, relative: str, source: str) -> list[str]:
    """What ``source`` (the file ``relative`` in package ``layer``) imports past its layer, as ``file:line → module``."""
    bad = []
    for line, module in imports(source):
        target = module.split(".")[1] if "." in module else ""
        if not _allowed(layer, target):
            bad.append(f"{relative}:{line} → {module}")
    return bad


def _allowed(layer: str, target: str) -> bool:
    if target == layer:
        return True
    if layer in SHELLS:
        return target in SHELL_MAY_IMPORT or target in EXTRA.get(layer, ())
    if layer == "domain":
        return target == "errors"
    if layer in ENGINES:
        return target not in ABOVE_ENGINES and (target != "settings" or layer in CONFIGURED)
    if layer in ("services", "evals"):
        return target not in SHELLS
    return True


def _files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", [*SHELLS, "domain", *ENGINES, "services", "evals"])
def test_each_layer_imports_only_what_it_may(layer: str) -> None:
    bad = [
        v
        for path in _files(layer)
        for v in violations(layer, str(path.relative_to(PACKAGE.parent)), path.read_text(encoding="utf-8"))
    ]
    assert not bad, "imports past the layer (see ARCHITECTURE.md):\n" + "\n".join(bad)


def test_every_package_has_a_layer() -> None:
    """A new package must be placed in a layer (and ARCHITECTURE.md) before this test passes again."""
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == {*SHELLS, "domain", *ENGINES, "services", "evals"}


def test_no_service_module_outside_services() -> None:
    strays = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("service.py") if p.parent.name != "services"]
    assert not strays


def test_the_rule_catches_what_it_is_for() -> None:
    """The checker itself: a shell reaching into an engine, an engine reaching up to the services (in a function,
    as the deleted ``index_finder`` did), an engine reading the settings, and the domain importing an engine."""
    assert violations("web", "w.py", "from assistant.drafting.chain import reviewed\n") == [
        "w.py:1 → assistant.drafting.chain"
    ]
    upward = "def f():\n    from assistant.services.search import SearchService\n"
    assert violations("drafting", "d.py", upward) == ["d.py:2 → assistant.services.search"]
    assert violations("review", "r.py", "import assistant.settings\n") == ["r.py:1 → assistant.settings"]
    assert violations("domain", "m.py", "from assistant.suggest.models import Ground\n")
    assert not violations("llm", "l.py", "from assistant.settings import Settings\n")
    assert not violations("cli", "c.py", "from assistant.services.results import Draft\n")


def test_the_lazy_results_module_exports_exactly_what_its_typed_imports_name() -> None:
    """`services.results` loads its names on first use; the imports type checkers read and the runtime table must
    name the same things from the same modules, and every name must resolve."""
    import importlib

    results = importlib.import_module("assistant.services.results")
    typed = {
        (alias.asname or alias.name): (node.module, alias.name)
        for node in ast.walk(ast.parse((PACKAGE / "services" / "results.py").read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("assistant.")
        for alias in node.names
    }
    assert typed == results._EXPORTS
    assert sorted(results.__all__) == sorted(typed)
    for name in results.__all__:
        assert getattr(results, name) is getattr(importlib.import_module(typed[name][0]), typed[name][1])
    with pytest.raises(AttributeError):
        _ = results.NoSuchName
