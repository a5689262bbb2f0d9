"""OCR engines compared on pages rendered from the sample plans (issue 14): character accuracy
and seconds per page, Tesseract (Debian, chi_sim) against RapidOCR (rapidocr-onnxruntime).

Each page is set from a sample plan's text as the tests set it (tests/fixtures_more.py: A4,
12pt-size characters, a running header and a page number; Pillow and Debian's
fonts-wqy-microhei) and rendered at 150 dpi, then at 150 dpi with scanner noise (a slight
rotation, blur, speckles, grey background). Each engine reads it through ipgraph's own code
(loaders/ocr.py: page_lines); the lines it gives are compared with the text drawn.

Character accuracy = 1 - (edit distance / characters drawn), over the page's characters with
whitespace removed and both sides NFKC-normalised (〔〕 and [] count as different). Seconds per
page: wall time and CPU time (this process and its children: Tesseract runs as a program, ONNX
Runtime in threads), medians over the pages. RapidOCR's model loading is timed apart.

    python bench/ocr_bench.py --pages-per-plan 2 --out bench/OCR.md
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fixtures_more import A4, DPI, layout, page_images  # noqa: E402
from ipgraph.loaders.ocr import _rapid_engine, page_lines  # noqa: E402


def norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


def distance(a: str, b: str) -> int:
    """Levenshtein distance (two rows)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def noisy(img, seed: int):
    """A scanner's page: grey paper, a 0.4° tilt, slight blur, dark speckles."""
    from PIL import ImageFilter

    rnd = random.Random(seed)
    img = img.point(lambda v: 235 if v > 200 else v)
    img = img.rotate(0.4, fillcolor=235, resample=3).filter(ImageFilter.GaussianBlur(0.6))
    px = img.load()
    for _ in range(1500):
        x, y = rnd.randrange(img.width), rnd.randrange(img.height)
        px[x, y] = rnd.randrange(0, 120)
    return img


def cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages-per-plan", type=int, default=2)
    ap.add_argument("--engines", nargs="+", default=["tesseract", "rapidocr"])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "OCR.md")
    args = ap.parse_args()
    stems = sorted(p.stem for p in (ROOT / "samples" / "plans").glob("*.txt"))
    pages = []  # (name, image, truth)
    for stem in stems:
        laid = layout(stem, 4.2, printed=True)
        n = min(args.pages_per_plan, len(laid))
        for k, img in enumerate(page_images(stem, pages=slice(0, n))):
            truth = "人民政府规范性文件" + "".join(t for _, _, t in laid[k]) + f"—{k + 1}—"
            pages.append((f"{stem[:3]} p{k + 1}", img, norm(truth)))
            pages.append((f"{stem[:3]} p{k + 1} noisy", noisy(img, k), norm(truth)))
    t = time.perf_counter()
    c = cpu()
    if "rapidocr" in args.engines:
        _rapid_engine()
    load = (time.perf_counter() - t, cpu() - c)
    rows = {e: [] for e in args.engines}
    for name, img, truth in pages:
        for e in args.engines:
            t, c = time.perf_counter(), cpu()
            got = norm("".join(ln.text for ln in page_lines(img, e)))
            wall, used = time.perf_counter() - t, cpu() - c
            acc = 1 - distance(got, truth) / len(truth)
            rows[e].append((name, acc, wall, used))
            print(f"{name:18} {e:10} accuracy {acc:.4f}  wall {wall:6.2f} s  cpu {used:6.2f} s", flush=True)
    out = [
        "# OCR engines compared (issue 14)",
        "",
        f"Pages rendered from the five sample plans (`bench/ocr_bench.py`): the first {args.pages_per_plan} "
        f"page(s) of each, A4 at {DPI} dpi ({round(A4[0] / 25.4 * DPI)}×{round(A4[1] / 25.4 * DPI)} px), "
        "12pt-size characters (wqy-microhei), each clean and with scanner noise (grey paper, 0.4° tilt, "
        "blur, speckles). Accuracy = 1 − edit distance / characters drawn (NFKC, whitespace removed). "
        "Seconds: medians per page; CPU = this process and its children. Measured on the 2-core "
        "machine shared with other jobs, so wall times are noisy; CPU times are the steadier figure.",
        "",
        "| engine | pages | accuracy (clean) | accuracy (noisy) | worst page | wall s/page | CPU s/page |",
        "|---|---|---|---|---|---|---|",
    ]
    for e, r in rows.items():
        clean = [a for n, a, _, _ in r if not n.endswith("noisy")]
        noisy_ = [a for n, a, _, _ in r if n.endswith("noisy")]
        out.append(
            f"| {e} | {len(r)} | {statistics.mean(clean):.4f} | {statistics.mean(noisy_):.4f} | "
            f"{min(a for _, a, _, _ in r):.4f} | {statistics.median(w for _, _, w, _ in r):.2f} | "
            f"{statistics.median(u for _, _, _, u in r):.2f} |"
        )
    if "rapidocr" in args.engines:
        out += ["", f"RapidOCR model loading (once per process): {load[0]:.2f} s wall, {load[1]:.2f} s CPU."]
    out += ["", "## Per page", "", "| page | engine | accuracy | wall s | CPU s |", "|---|---|---|---|---|"]
    for e, r in rows.items():
        out += [f"| {n} | {e} | {a:.4f} | {w:.2f} | {u:.2f} |" for n, a, w, u in r]
    args.out.write_text("\n".join(out) + "\n", "utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
