"""Writing a file so that it is either the old file or the whole new one, never half, never
someone else's.

The new content goes to a temporary file with a fresh random name in the target's own folder
(created exclusively, so a symlink planted at a predictable ``graph.trig.tmp`` is never followed),
then is renamed onto the target in one step. On any failure, Ctrl-C included, the temporary file
is removed and the target is left as it was; an error of the disk (full, read-only) names the
file that could not be written.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(d / "a.txt", "知识产权")
>>> (d / "a.txt").read_text("utf-8"), sorted(p.name for p in d.iterdir())
('知识产权', ['a.txt'])
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = ["atomic_path", "atomic_write"]


def _mode(path: Path) -> int:
    """The permissions the file would get if written plainly: the old file's, or 0666 − umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A fresh temporary path beside ``path`` to write to; renamed onto ``path`` when the block
    ends without error, removed otherwise.

    Raises :class:`OSError` with ``filename`` set to ``path`` when the disk refuses the write.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
    except OSError as e:
        raise _named(e, path) from None
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _mode(path))
        os.replace(tmp, path)
    except BaseException as e:
        with suppress(OSError):
            tmp.unlink()
        if isinstance(e, OSError) and e.filename in (None, str(tmp), tmp):
            raise _named(e, path) from None
        raise


def _named(e: OSError, path: Path) -> OSError:
    """The error with the target's name (a full disk otherwise names no file, or a temporary one)."""
    return type(e)(e.errno, e.strerror or str(e), str(path)) if e.errno else OSError(f"{path}: {e}")


def atomic_write(path: Path | str, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically (see the module docstring)."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
