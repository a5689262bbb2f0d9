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
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["__version__", "build", "open_store", "query", "read_plan"]

# Run from a source checkout (Python started at the repository root), this folder shadows the
# installed package; its subpackages loaders/, ontology/ and queries/ stand beside it there
# (pyproject.toml maps them in), so the checkout is searched too and the same names import.
_ROOT = Path(__file__).resolve().parent.parent
if (_ROOT / "pyproject.toml").is_file() and (_ROOT / "loaders" / "__init__.py").is_file():
    __path__.append(str(_ROOT))

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
