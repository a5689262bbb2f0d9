"""The query pack: named, documented questions over the graph (installed as ``ipgraph.queries``).

``sparql/NAME.rq`` holds one question each; ``cypher/NAME.cypher`` is its twin for Neo4j and
must return the same columns, in the same order, with the same rows in the same order.
:mod:`ipgraph.querypack` reads the headers, binds the parameters and runs a query.

The header
----------
Every ``.rq`` file opens with comment lines of the form ``# key: value``::

    # name: lead-agencies
    # zh: 哪些单位牵头（或配合）哪些措施？…           the question in Chinese
    # en: Which agencies lead (or support) …?        the question in English
    # param: city (string, optional) — 城市 … / the plan's jurisdiction …
    # param: lang (lang, default zh) — 标签语言 zh | en / label language
    # column: city — 城市 … / the plan's jurisdiction
    # column: value (number) — …                     a type in brackets where not a string
    # order: city, plan, measure (document order: ipg:spanStart), …

Parameter types: ``string`` (bound as a plain ``xsd:string`` literal), ``integer``,
``lang`` (the label language, ``zh`` or ``en``). A string parameter may add ``filters COL …``
(``# param: city (string, optional, filters city)``): a promise that the parameter does nothing but
keep the rows whose column ``COL`` (any of them) equals the value. ``ipgraph build`` keeps every
question's answer without parameters; with that promise a question for one city is picked from the
kept rows instead of being run (``tests/test_answers_build.py`` checks the promise for every value).
Column types: a string unless marked
``(integer)``, ``(number)`` (xsd:decimal, a float in Python), ``(date)`` (``YYYY-MM-DD``)
or ``(month)`` (``YYYY-MM``).

"City" is the label of the plan's ``ipg:jurisdiction``: a city, or for a district plan
the district itself (``福州市仓山区``), or ``中华人民共和国`` for a national plan.

Parameters (how the twins must bind them)
-----------------------------------------
A parameter ``x`` is the SPARQL variable ``?param_x`` (Cypher: ``$x``). It is bound as an
RDF term — rdflib ``initBindings``, Oxigraph ``substitutions`` — and never pasted into the
query text, so a value such as ``厦门市" } ; DROP ALL ; #`` is a plain string that matches
nothing. Three rules make one query text behave the same on both SPARQL engines:

1. Every ``?param_x`` is **projected** by the SELECT (Oxigraph refuses to substitute a
   variable that is not; ``GROUP BY`` lists them too). :mod:`ipgraph.querypack` drops the
   ``param_*`` columns, so they are not part of the query's columns.
2. An **optional** parameter filters through ``COALESCE``, never ``BOUND``
   (Oxigraph folds ``BOUND(?param_x)`` to false at compile time)::

       FILTER(COALESCE(?param_city IN (?city, STR(?region_zh)), true))

   Unbound, the comparison is an error and ``COALESCE`` turns it into ``true`` (no filter);
   bound, it is the comparison. Cypher: ``WHERE $city IS NULL OR $city IN [city, region.zh]``.
   A name parameter matches the node's Chinese label **or** its label in the chosen language.
3. ``?param_lang`` is always bound (``zh`` by default). Labels follow one pattern, the
   chosen language first, then Chinese::

       OPTIONAL { ?a rdfs:label ?a_l  FILTER(LANG(?a_l)  = ?param_lang) }
       OPTIONAL { ?a rdfs:label ?a_zh FILTER(LANG(?a_zh) = "zh") }
       BIND(STR(COALESCE(?a_l, ?a_zh)) AS ?agency)

   Regions and agencies carry ``rdfs:label``; concepts (agency types, themes, roles, admin
   levels, target kinds) ``skos:prefLabel``. A concept reached through an optional link is
   looked up inside that OPTIONAL, so a missing link leaves the column empty.

Values: every text column is a plain string (``STR``); counts are integers; ``value`` and
``baseline`` numbers; years integers; dates ``YYYY-MM-DD``; months ``YYYY-MM``; an absent
value is empty (``None``).

Order: every query ends with a total, deterministic ``ORDER BY`` on its string columns
(compared by code point) and, for document order, the ``ipg:spanStart`` of measures,
responsibilities, targets and phases. An empty value sorts first in SPARQL; the Cypher
twins must sort it first too (``ORDER BY x IS NOT NULL, x``).

Speed on Oxigraph (the default store) depends on where the join starts and where filters
sit; the engine orders the patterns of a group greedily from the most selective one:

- anchor a query that walks plans → measures → responsibilities on a *typed* plan pattern
  (``?p a ipg:Plan``), so that each measure's and plan's values are looked up once, not
  once per responsibility;
- put a parameter's filter in a ``{ … }`` group with the patterns it reads (the plan and
  its region label for ``city``), so that a city is picked before the join, not after it;
- keep the required patterns of a group before its ``OPTIONAL`` parts.

``lead-agencies`` shows all three (at 1,000 plans: 0.86 → 0.69 s for every row, 0.02 s for
one city). ``bench/run.py`` measures every query of the pack.

A grouped sub-``SELECT`` is allowed only placed first in the ``WHERE``, with inner variable
names unused outside but for the ones it returns: rdflib then evaluates it on its own and
joins it (targets-compared, agency-load; both engines agree in the tests). Elsewhere rdflib
joins sub-``SELECT``\\ s wrongly with an outer pattern. ``EXISTS`` and
``NOT EXISTS`` are avoided too: Oxigraph evaluates them row by row (minutes at 300 plans); use
``MINUS`` or an ``OPTIONAL`` counted under ``GROUP BY … HAVING`` instead.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["SPARQL_DIR", "sparql_files"]

SPARQL_DIR = "sparql"


def sparql_files() -> dict[str, Path]:
    """The pack's ``.rq`` files by name (the file name without ``.rq``), sorted by name."""
    folder = Path(str(files(__name__).joinpath(SPARQL_DIR)))
    return {p.stem: p for p in sorted(folder.glob("*.rq"))}
