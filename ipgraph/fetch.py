"""Web addresses as inputs: ``ipgraph build https://…/plan.html …`` fetches each page or file.

Each address is fetched once (a time limit for the whole fetch, a size limit, a limited number
of redirects, http and https only) into a private temporary folder, under a name whose
extension says what the server sent (``Content-Type``, else the address's own extension), so
that the file's loader reads it like a file on disk. The charset the server declares in its
``Content-Type`` header is handed to the web-page loader (it wins over the page's ``<meta>``,
as in browsers); without one, the page's ``<meta>`` and then UTF-8 / GB18030 detection decide.
The address and the time of retrieval (UTC) are kept with the reading as provenance
(``ipg:url``, ``ipg:retrieved`` on the source document). An address that cannot be fetched
is a :class:`~ipgraph.pipeline.Failure` naming it and the reason; the rest of the batch builds.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from pathlib import Path

__all__ = ["FetchError", "Fetched", "Limits", "fetch", "fetch_all", "is_url", "split_sources"]

USER_AGENT = "ipgraph (+https://w3id.org/ipgraph) Python-urllib"


@dataclass(frozen=True, slots=True)
class Limits:
    """What one fetch may take: seconds in all, bytes, redirects followed."""

    timeout: float = 30.0
    max_bytes: int = 50 * 1024 * 1024
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    """A web address fetched into a local file."""

    url: str  # the address as given
    final_url: str  # where the bytes came from, after redirects
    path: Path  # the local copy (in a temporary folder that lives as long as the build)
    retrieved: str  # ISO 8601, UTC, seconds
    charset: str | None  # declared in the Content-Type header

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()

    def __str__(self) -> str:
        return self.url


class FetchError(Exception):
    """An address that could not be fetched; ``str()`` names the address and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def is_url(x: object) -> bool:
    return isinstance(x, str) and re.match(r"(?i)^https?://", x) is not None


def split_sources(paths: Iterable[Path | str]) -> tuple[list[str], list[Path | str]]:
    """Web addresses apart from the files and folders (which are left as given)."""
    urls, local = [], []
    for p in paths:
        (urls if is_url(p) else local).append(p)
    return urls, local


_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "text/csv": ".csv",
    "application/ofd": ".ofd",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/tiff": ".tif",
    "application/vnd.ms-works": ".wps",
    "application/kswps": ".wps",
}


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, to http(s) addresses only."""

    def __init__(self, limit: int) -> None:
        self.max_redirections = limit
        self.max_repeats = limit

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(urllib.parse.urljoin(req.full_url, newurl)):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-http(s) address", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def http_error_302(self, req, fp, code, msg, headers):
        visited = getattr(req, "redirect_dict", {})
        if sum(visited.values()) >= self.max_redirections:
            raise urllib.error.HTTPError(
                req.full_url, code, f"too many redirects (more than {self.max_redirections})", headers, fp
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch(url: str, folder: Path, limits: Limits = Limits()) -> Fetched:
    """Fetch ``url`` into a new file under ``folder``, or raise :class:`FetchError` saying why not."""
    if not is_url(url):
        raise FetchError(url, "not an http(s) address")
    opener = urllib.request.build_opener(_Redirects(limits.max_redirects))
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    start = time.monotonic()
    retrieved = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        with opener.open(req, timeout=limits.timeout) as resp:
            headers: Message = resp.headers
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limits.max_bytes:
                raise FetchError(
                    url, f"too large: {_size(int(length))}, over the {_size(limits.max_bytes)} limit"
                )
            chunks, size = [], 0
            while True:
                if time.monotonic() - start > limits.timeout:
                    raise FetchError(url, f"timed out after {limits.timeout:g} s")
                chunk = resp.read(64 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > limits.max_bytes:
                    raise FetchError(url, f"too large: over the {_size(limits.max_bytes)} limit")
                chunks.append(chunk)
            final = resp.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as e:
        raise FetchError(url, f"HTTP {e.code} {e.reason}" if e.code >= 400 else str(e.reason)) from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FetchError(url, f"timed out after {limits.timeout:g} s") from None
        raise FetchError(url, f"unreachable ({getattr(reason, 'strerror', None) or reason})") from None
    except TimeoutError:
        raise FetchError(url, f"timed out after {limits.timeout:g} s") from None
    except (OSError, ValueError) as e:
        raise FetchError(url, f"unreachable ({type(e).__name__}: {e})") from None
    data = b"".join(chunks)
    if not data.strip():
        raise FetchError(url, "empty response")
    mime = headers.get_content_type()
    charset = headers.get_content_charset()
    target = Path(tempfile.mkdtemp(dir=folder)) / _file_name(final, mime, data)
    target.write_bytes(data)
    return Fetched(url, final, target, retrieved, charset)


_MAGIC = {b"%PDF": ".pdf", b"PK\x03\x04": ".docx", b"\xd0\xcf\x11\xe0": ".doc", b"\x89PNG": ".png",
          b"\xff\xd8\xff": ".jpg", b"II*\x00": ".tif", b"MM\x00*": ".tif"}  # fmt: skip


def _file_name(url: str, mime: str, data: bytes) -> str:
    """A safe local name: the address's last path segment, its extension from the media type
    (for ``application/octet-stream`` & co, the address's own extension, else the first bytes)."""
    name = urllib.parse.unquote(urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1])
    name = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", name).strip("._")[:100] or "index"
    ext = _TYPES.get(mime)
    stem, dot, old = name.rpartition(".")
    if ext is None:
        if dot and 1 <= len(old) <= 5:
            return name
        sniffed = next((e for magic, e in _MAGIC.items() if data.startswith(magic)), None)
        if sniffed == ".docx" and b"OFD.xml" in data[:2048]:
            sniffed = ".ofd"
        return name + (sniffed or ".html")
    if dot and ("." + old.lower() == ext or (ext == ".html" and old.lower() in ("htm", "shtml"))):
        return name
    return (stem if dot and len(old) <= 5 else name) + ext


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


@contextmanager
def fetch_all(urls: list[str], limits: Limits = Limits()) -> Iterator[tuple[list[Fetched], list[FetchError]]]:
    """Fetch the addresses (a few at a time) into a temporary folder removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="ipgraph-web-"))
    try:

        def one(url: str) -> Fetched | FetchError:
            try:
                return fetch(url, folder, limits)
            except FetchError as e:
                return e

        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(one, urls))
        yield (
            [r for r in results if isinstance(r, Fetched)],
            [r for r in results if isinstance(r, FetchError)],
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
