"""``python -m ipgraph`` runs the command line."""

from ipgraph.cli import app

app(prog_name="ipgraph")
