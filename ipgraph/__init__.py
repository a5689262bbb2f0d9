"""ipgraph: Chinese IP-governance work plans read into a knowledge graph.

The three entry points a notebook user needs, imported lazily so that ``import ipgraph``
stays cheap::

    import ipgraph
    reading = ipgraph.read_plan("plan.txt")          # one file → a typed reading
    result = ipgraph.build(["plans/"])                # files → RDF dataset (+ failures, validation)
    df = ipgraph.query(result.dataset, "lead-agencies", city="厦门市")   # → pandas DataFrame
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["__version__", "build", "open_store", "query", "read_plan"]

# Run from a source checkout (Python started at the repository root), this folder shadows the
# installed package, and its subpackages loaders/, ontology/ and queries/ stand beside it there
# (pyproject.toml maps them in): find them there too, so the same names import.
_ROOT = Path(__file__).resolve().parent.parent
_BESIDE = ("loaders", "ontology", "queries")


class _SourceTree(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        head, _, sub = fullname.partition(".")
        if head != "ipgraph" or sub not in _BESIDE:
            return None
        init = _ROOT / sub / "__init__.py"
        return importlib.util.spec_from_file_location(
            fullname, init, submodule_search_locations=[str(init.parent)]
        )


if (_ROOT / "pyproject.toml").is_file() and all((_ROOT / d / "__init__.py").is_file() for d in _BESIDE):
    sys.meta_path.insert(0, _SourceTree())  # this tree's own, even if another checkout is installed

try:
    __version__ = metadata.version("ipgraph")
except metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

_LAZY = {
    "read_plan": "ipgraph.pipeline",
    "build": "ipgraph.dataset",
    "query": "ipgraph.querypack",
    "open_store": "ipgraph.store",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'ipgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The lazy API too, so that editors and ``dir(ipgraph)`` show it before first use."""
    return sorted({*__all__, *_LAZY})
