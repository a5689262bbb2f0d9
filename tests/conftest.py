"""Shared paths for the tests. The sample plans ship in samples/plans; their reference
readings (copied from the project's shared gold set) in tests/data/gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# One Chromium for the session: a fixture imported into two test modules is two fixtures, and the
# second sync Playwright refuses to start while the first runs.
from browser_fixtures import browser  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "samples" / "plans"
GOLD = Path(__file__).resolve().parent / "data" / "gold"


def gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def plan_files() -> list[Path]:
    return sorted(PLANS.glob("*.txt"))


@pytest.fixture(scope="session")
def readings(plan_files):
    from ipgraph.pipeline import read_plan

    return {p.stem: read_plan(p) for p in plan_files}
