"""LibreOffice headless as a converter: legacy Word (.doc) and WPS (.wps) files → .docx bytes.

No maintained Python reader exists for Word 97-2003 or WPS binaries, so LibreOffice (Debian's
``libreoffice-writer-nogui``) converts them. Each conversion runs in a private temporary folder
holding a copy of the input (the input file is never opened by LibreOffice, never written),
with its own LibreOffice profile (``-env:UserInstallation``: conversions running at once on
other cores do not share, and so do not lock, a profile) and a time limit, after which the
whole LibreOffice process group is killed. The folder is removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from . import LoadError

__all__ = ["CONVERT_TIMEOUT", "INSTALL_HINT", "soffice", "to_docx"]

CONVERT_TIMEOUT = 45.0  # seconds; a conversion still running then is killed and the file named
INSTALL_HINT = "LibreOffice is needed to read it (apt-get install libreoffice-writer-nogui)"


def soffice() -> str | None:
    """The LibreOffice executable, or ``None`` where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(path: Path, data: bytes, kind: str, timeout: float = CONVERT_TIMEOUT) -> bytes:
    """``data`` (the bytes of ``path``) converted to .docx by LibreOffice, or a :class:`LoadError`."""
    exe = soffice()
    if exe is None:
        raise LoadError(path, f"{kind} file: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="ipgraph-office-") as tmp:
        work = Path(tmp)
        src = work / ("in" + path.suffix.lower())
        src.write_bytes(data)  # a copy: LibreOffice never sees (or locks) the user's file
        out = work / "out"
        cmd = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src),
        ]  # fmt: skip
        env = {**os.environ, "HOME": str(work), "TMPDIR": str(work)}
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=work, start_new_session=True
        )
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise LoadError(
                path, f"{kind} file: LibreOffice did not convert it within {timeout:g} s"
            ) from None
        result = out / "in.docx"
        if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            why = err.decode("utf-8", "replace").strip().splitlines()
            why = [w for w in why if "javaldx" not in w]
            raise LoadError(
                path,
                f"damaged {kind} file: LibreOffice could not convert it"
                + (f" ({why[-1][:120]})" if why else ""),
            )
        return result.read_bytes()


def _kill(proc: subprocess.Popen) -> None:
    """Kill LibreOffice and the processes it started (its own session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
