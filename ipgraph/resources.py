"""Where the packaged data files are.

``ontology/`` at the repository root is installed as the package ``ipgraph.ontology``
(see ``pyproject.toml``), so its files are found with :mod:`importlib.resources`; that
works the same from a source checkout, an editable install and a wheel.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["ontology_file", "read_ontology_text"]

ONTOLOGY_PACKAGE = "ipgraph.ontology"


def ontology_file(name: str) -> Traversable:
    """Return the packaged ontology data file `name` (``ipgraph.ttl``, ``shapes.ttl`` …).

    Parameters
    ----------
    name : str
        File name inside ``ipgraph.ontology``.

    Returns
    -------
    Traversable
        A handle on the file; use ``read_text`` or :func:`importlib.resources.as_file`.

    Raises
    ------
    FileNotFoundError
        When the package holds no such file, so a typo fails here and not in a parser.
    """
    path = files(ONTOLOGY_PACKAGE) / name
    if not path.is_file():
        raise FileNotFoundError(f"no data file {name!r} in package {ONTOLOGY_PACKAGE}")
    return path


def read_ontology_text(name: str) -> str:
    """Return the UTF-8 text of the packaged ontology data file `name`.

    Parameters
    ----------
    name : str
        File name inside ``ipgraph.ontology``.

    Returns
    -------
    str
        The file's text.
    """
    return ontology_file(name).read_text(encoding="utf-8")
