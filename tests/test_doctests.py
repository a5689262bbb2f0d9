"""The examples in docstrings run as tests, so they cannot go stale."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "ipgraph.text",
    "ipgraph.reading.structure",
    "ipgraph.reading.regions",
    "ipgraph.reading.agencies",
    "ipgraph.reading.responsibility",
    "ipgraph.reading.targets",
    "ipgraph.reading.mentions",
    "ipgraph.rdf",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
