"""The house: imports flow one way (no cycle, lazy imports included) and docs/architecture.md
names every module of the package, one line each."""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def package_modules() -> dict[str, Path]:
    """Every module of the installed package (subpackages' ``__init__`` included) → its file.

    The packages are those pyproject.toml installs (``loaders/`` is ``ipgraph.loaders``)."""
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    out = {}
    for package in setup["packages"]:
        spec = importlib.util.find_spec(package)
        assert spec and spec.origin, package
        out[package] = Path(spec.origin)
        for info in pkgutil.iter_modules(spec.submodule_search_locations, package + "."):
            if not info.ispkg:
                out[info.name] = Path(importlib.util.find_spec(info.name).origin)
    return out


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules ``name`` imports anywhere in its file (inside functions too)."""
    is_pkg = path.name == "__init__.py"
    base = name if is_pkg else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")
                pkg = ".".join(parts[: len(parts) - node.level + 1])
                mod = f"{pkg}.{node.module}" if node.module else pkg
            else:
                mod = node.module or ""
            targets = [mod, *(f"{mod}.{a.name}" for a in node.names)]
        else:
            continue
        # a module's own packages are being imported already when it runs: not an edge
        found |= {t for t in targets if t in known and t != name and not name.startswith(t + ".")}
    return found


def import_graph() -> dict[str, set[str]]:
    mods = package_modules()
    return {name: imports_of(name, path, set(mods)) for name, path in mods.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return [*stack[stack.index(m) :], m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_the_package_imports_have_no_cycle_lazy_imports_included():
    graph = import_graph()
    assert len(graph) > 30  # the walk found the package
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph) or [])


def test_the_walk_sees_imports_inside_functions():
    graph = {"a": {"b"}, "b": {"a"}}
    assert find_cycle(graph) == ["a", "b", "a"]
    assert "ipgraph.dataset" in import_graph()["ipgraph.commands.plans"]  # imported inside a command


def test_architecture_doc_names_every_module_once():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = re.findall(r"^- `(ipgraph[\w.]*)`", text, flags=re.M)
    modules = set(package_modules())
    assert len(listed) == len(set(listed)), "a module is listed twice"
    assert sorted(modules - set(listed)) == [], "modules missing from docs/architecture.md"
    assert sorted(set(listed) - modules) == [], "docs/architecture.md lists modules that do not exist"
    assert "```" in text  # the picture of the flow


def test_the_package_shows_its_lazy_api_and_version():
    import ipgraph

    assert {"build", "query", "read_plan", "open_store", "__version__"} <= set(dir(ipgraph))
    assert ipgraph.__version__[0].isdigit()
    for name in ("build", "query", "read_plan", "open_store"):
        assert callable(getattr(ipgraph, name))


def test_names_of_stores_and_engines_come_from_one_registry():
    from ipgraph import registry
    from ipgraph.store import open_store
    from ipgraph.validate import validate

    assert registry.names("store")[0] == "oxigraph" and "rdflib" in registry.names("store")
    assert registry.names("shacl")[0] == "fast" and {"pyshacl", "shacl-rs"} <= set(registry.names("shacl"))
    with pytest.raises(ValueError, match="unknown store 'nope'; use one of oxigraph, rdflib"):
        open_store("x.trig", "nope")
    with pytest.raises(ValueError, match="unknown validation engine 'nope'"):
        validate(None, engine="nope")


def test_python_at_the_repository_root_imports_this_trees_packages():
    """README's Python example run from the repository root: the source folder shadows the
    installed package, and loaders/, ontology/, queries/ beside it are found too."""
    import subprocess
    import sys

    code = "import ipgraph.loaders, ipgraph.queries, ipgraph.ontology as o; print(ipgraph.loaders.__file__)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).resolve() == ROOT / "loaders" / "__init__.py"


def test_no_merge_conflict_markers_are_left_in_the_repository():
    """A merge resolved in a hurry once left ``<<<<<<<`` blocks in README.md: never again."""
    marker = re.compile(r"^(<{7}|>{7})( |$)", re.M)
    suffixes = {".md", ".py", ".toml", ".ttl", ".rq", ".cypher", ".csv", ".js", ".html", ".cfg", ""}
    skip = {".git", ".venv", "node_modules", "__pycache__", "out", "build", "dist"}
    bad = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*")
        if p.is_file()
        and p.suffix in suffixes
        and not skip.intersection(p.relative_to(ROOT).parts)
        and not any(part.endswith(".egg-info") for part in p.relative_to(ROOT).parts)
        and p.stat().st_size < 5_000_000
        and marker.search(p.read_text("utf-8", errors="replace"))
    ]
    assert not bad, bad
