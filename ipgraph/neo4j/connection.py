"""Opening a Neo4j driver, and turning the driver's failures into one-line messages.

Every command checks the connection, the login and the database with one ``RETURN 1`` before it
writes anything, so a wrong password or database name fails before the first change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["SCHEMES", "Neo4jConnectionError", "describe_error", "open_driver"]

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jConnectionError(RuntimeError):
    """Neo4j could not be reached or used; the message is one line, fit for ``error: …``."""


def describe_error(exc: BaseException, uri: str, user: str, database: str | None) -> str | None:
    """One line for a connection-level failure of the driver; None when ``exc`` is something else."""
    from neo4j.exceptions import (
        AuthError,
        ClientError,
        ConfigurationError,
        ServiceUnavailable,
        SessionExpired,
        TransientError,
    )

    code = getattr(exc, "code", None) or ""
    db = database or "the default database"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, AuthError) or code.startswith("Neo.ClientError.Security.Unauthorized"):
        return f"Neo4j at {uri} refused the login of user {user!r} (wrong user name or password)"
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return f"Neo4j at {uri} has no database {db!r}"
    if isinstance(exc, ServiceUnavailable | SessionExpired):
        reason = re.search(r"reason (?:\[Errno -?\d+\] )?([^)]+)", str(exc))
        why = reason.group(1).strip().lower() if reason else "connection failed or lost"
        return f"cannot reach Neo4j at {uri} ({why}); is the server running?"
    if isinstance(exc, ConfigurationError):
        return f"bad Neo4j address {uri!r}: {first}"
    if isinstance(exc, TransientError) and "DatabaseUnavailable" in code:
        return f"database {db!r} on {uri} is not available: {first}"
    if isinstance(exc, ClientError) and code.startswith("Neo.ClientError.Security"):
        return f"Neo4j at {uri} denied user {user!r}: {first}"
    if isinstance(exc, ValueError) and "URI" in str(exc).upper():
        return f"bad Neo4j address {uri!r}: {first}"
    if isinstance(exc, OSError):
        return f"cannot reach Neo4j at {uri}: {first}"
    return None


@contextmanager
def open_driver(
    uri: str,
    user: str,
    password: str,
    *,
    database: str | None = None,
    retry_seconds: float = 15.0,
) -> Iterator[Any]:
    """A checked ``neo4j.Driver``: connected, logged in, ``database`` present; closed afterwards.

    Raises
    ------
    Neo4jConnectionError
        Server unreachable, login refused, no such database, bad address; also when such a failure
        happens later inside the ``with`` block; and when the driver is not installed.
    """
    try:
        import neo4j
    except ImportError:
        raise Neo4jConnectionError(
            "the Neo4j driver is not installed: pip install 'ipgraph[neo4j]'"
        ) from None

    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise Neo4jConnectionError(
            f"bad Neo4j address {uri!r}: use a Bolt address such as bolt://127.0.0.1:7687 "
            f"(schemes: {', '.join(SCHEMES)})"
        )
    try:
        driver = neo4j.GraphDatabase.driver(
            uri,
            auth=(user, password),
            max_transaction_retry_time=retry_seconds,
            connection_timeout=10.0,
            connection_acquisition_timeout=30.0,
        )
    except Exception as exc:
        message = describe_error(exc, uri, user, database)
        if message is None:
            raise
        raise Neo4jConnectionError(message) from exc
    try:
        try:
            # An auto-commit query is not retried: an unreachable server fails at once.
            with driver.session(database=database) as session:
                session.run("RETURN 1").consume()
            yield driver
        except Neo4jConnectionError:
            raise
        except Exception as exc:
            message = describe_error(exc, uri, user, database)
            if message is None:
                raise
            raise Neo4jConnectionError(message) from exc
    finally:
        driver.close()
