"""Builders of the issue-14 fixtures from the sample plans: legacy Word (.doc) and WPS (.wps)
files made by LibreOffice from the Word fixture, OFD packages written by hand (a zip of XML,
GB/T 33190), page images rendered with Pillow and a CJK font, and image-only (scanned) PDFs.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from fixtures_inputs import docx_file


def doc_file(stem: str, path: Path) -> Path:
    """The plan as a Word 97-2003 file (or a .wps: WPS writes the same binary format)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx_file(stem, work / "in.docx")
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
             "--convert-to", "doc:MS Word 97", "--outdir", str(work / "out"), str(work / "in.docx")],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        shutil.copy(work / "out" / "in.doc", path)
    return path
