"""Data files of the ipgraph ontology (OWL ontology and SHACL shapes), read with importlib.resources."""
