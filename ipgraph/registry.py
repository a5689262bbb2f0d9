"""Stores and SHACL engines, found by name and imported only when used.

The idea of rdflib's plugin registry: a name maps to ``"module:attribute"``, and the module
is imported the first time that name is asked for, so ``import ipgraph`` never pays for a
backend it does not use, and adding one is a line here (or :func:`register` from outside),
not a new ``if`` in every function that takes a name.

* ``store``: a function ``path → GraphStore`` that opens a dataset file for queries;
* ``shacl``: a :class:`ipgraph.validate.Engine` class.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["DEFAULTS", "load", "names", "register", "resolve"]

_PLUGINS: dict[str, dict[str, str]] = {
    "store": {
        "oxigraph": "ipgraph.store:load_union",  # fast, the default
        "rdflib": "ipgraph.store:load_rdflib",  # plain rdflib, the reference
    },
    "shacl": {
        "fast": "ipgraph.validate:FastEngine",  # ipgraph's SHACL Core engine, the default
        "pyshacl": "ipgraph.validate:PyshaclEngine",  # the reference
        "shacl-rs": "ipgraph.validate:RustEngine",  # the Rust ``shacl`` package (extra ``rust-shacl``)
    },
}
DEFAULTS = {"store": "oxigraph", "shacl": "fast"}


def names(kind: str) -> tuple[str, ...]:
    """The names registered for ``kind`` (``"store"`` or ``"shacl"``), default first."""
    found = _PLUGINS[kind]
    return (DEFAULTS[kind], *(n for n in found if n != DEFAULTS[kind]))


def resolve(kind: str, name: str | None = None) -> str:
    """``name`` (or the default) checked; ``ValueError`` naming the choices for an unknown one."""
    name = name or DEFAULTS[kind]
    if name not in _PLUGINS[kind]:
        label = {"store": "store", "shacl": "validation engine"}.get(kind, kind)
        raise ValueError(f"unknown {label} {name!r}; use one of {', '.join(names(kind))}")
    return name


def load(kind: str, name: str | None = None) -> Any:
    """The object registered as ``name`` (or the default), its module imported now."""
    module, _, attr = _PLUGINS[kind][resolve(kind, name)].partition(":")
    return getattr(importlib.import_module(module), attr)


def register(kind: str, name: str, target: str) -> None:
    """Make ``"module:attribute"`` available as ``name`` of ``kind`` (a store or an engine)."""
    if ":" not in target:
        raise ValueError(f"{target!r}: expected 'module:attribute'")
    _PLUGINS.setdefault(kind, {})[name] = target
