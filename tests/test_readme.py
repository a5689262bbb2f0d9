"""README's commands are run here, so the README cannot go stale (the idea of typer's tutorial tests)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bash_blocks(section: str) -> list[list[str]]:
    """The command lines of the bash blocks in README's section ``## {section}``."""
    body = README.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", body, flags=re.S)
    return [[ln.strip() for ln in b.splitlines() if ln.strip()] for b in blocks]


def test_ci_runs_the_readme_test_command():
    install, tests = _bash_blocks("Two commands")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests[0] in ci.splitlines()  # the line as written in README, comment-free
    assert install == ["pip install . && ipgraph build samples/plans -o out/graph.trig"]


TOUR = _bash_blocks("A short tour of the CLI")[0]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A copy of the samples, where the tour's commands run one after the other."""
    d = tmp_path_factory.mktemp("tour")
    shutil.copytree(ROOT / "samples", d / "samples")
    return d


@pytest.mark.parametrize("line", TOUR)
def test_tour_command_runs(line: str, workdir: Path):
    done = subprocess.run(
        shlex.split(line, comments=True), cwd=workdir, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{line}\n{done.stderr[-2000:]}"
    assert done.stdout or list((workdir / "out").glob("*"))


def test_notebook_example_runs(workdir: Path):
    body = README.split("## A short tour of the CLI", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", body, flags=re.S)
    done = subprocess.run(["python3", "-c", code], cwd=workdir, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (workdir / "out" / "agencies.html").stat().st_size > 0


VIEWS_BLOCK = _bash_blocks("Network views")[0]


@pytest.mark.parametrize("line", VIEWS_BLOCK)
def test_view_command_runs(line: str, workdir: Path):
    if not (workdir / "out" / "graph.trig").exists():
        subprocess.run(
            ["ipgraph", "build", "samples/plans", "-o", "out/graph.trig"],
            cwd=workdir,
            capture_output=True,
            timeout=300,
        )
    args = shlex.split(line, comments=True)
    done = subprocess.run(args, cwd=workdir, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{line}\n{done.stderr[-2000:]}"
    out = workdir / args[args.index("-o") + 1]
    assert "ipgraph-data" in out.read_text(encoding="utf-8")
