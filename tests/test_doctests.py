"""The examples in docstrings run as tests, so they cannot go stale.

Every module of the installed package is searched, so a new module's examples are tested
without anyone remembering to list it here.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import ipgraph.loaders
import pytest

import ipgraph


def _modules() -> list[str]:
    # ipgraph.loaders is listed on its own: an editable install maps it from loaders/.
    names = {m.name for m in pkgutil.walk_packages(ipgraph.__path__, "ipgraph.")}
    names |= {"ipgraph.loaders"} | {
        m.name for m in pkgutil.walk_packages(ipgraph.loaders.__path__, "ipgraph.loaders.")
    }
    return sorted(n for n in names if not n.endswith("__main__"))


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
