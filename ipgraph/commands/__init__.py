"""The CLI's commands, one module per topic; each has ``register(app)``.

Modules import their heavy libraries inside the command functions, so ``ipgraph --help``
stays fast and a command never pays for another's dependencies.
"""

COMMAND_MODULES = ("plans", "agencies", "query", "neo4j", "viz", "serve")
