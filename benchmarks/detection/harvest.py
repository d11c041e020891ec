"""Harvest real non-PM markdown (READMEs, changelogs, docs) from pinned PyPI packages.

The negatives that detection is fitted and measured on: text nobody on this project
wrote. Only the pinned list and this script are in the repository; the third-party text
goes to a cache folder outside it.

    python benchmarks/detection/harvest.py                  # -> ~/.cache/pmcoach/non-pm
    python benchmarks/detection/harvest.py --out DIR --jobs 8
    python benchmarks/detection/harvest.py --resolve names.txt   # re-pin (rewrites packages.txt)

Each package's source distribution (or, without one, its wheel's long description) is
downloaded from PyPI; README/CHANGELOG/HISTORY/docs files in markdown, reStructuredText
or plain text are kept, at most ``--per-package`` per package.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tarfile
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

HERE = Path(__file__).parent
PINNED = HERE / "packages.txt"
DEFAULT_OUT = Path.home() / ".cache" / "pmcoach" / "non-pm"
PYPI = "https://pypi.org/pypi"

DOC_SUFFIXES = {".md", ".markdown", ".rst", ".txt"}
#: Plain-text files are documentation only under these names; others are data or lists.
TEXT_NAMES = re.compile(r"^(readme|changes|changelog|history|news|contributing|"
                        r"release|upgrading|migration|faq|install|usage|security)", re.I)
SKIP_PARTS = {"tests", "test", "testing", "fixtures", "vendor", "_vendor", "third_party",
              "node_modules", "licenses", "site-packages", "egg-info"}
SKIP_NAMES = re.compile(r"^(license|licence|copying|notice|authors|requirements|"
                        r"constraints|top_level|sources|dependency_links|entry_points)", re.I)
MIN_BYTES, MAX_BYTES = 200, 400_000


def fetch(url: str, timeout: float = 60) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - PyPI only
        return response.read()


def resolve(names_file: Path) -> None:
    """Pin each name to its current version (writes packages.txt)."""
    names = sorted({n for n in names_file.read_text().split() if n})

    def latest(name: str) -> str | None:
        try:
            info = json.loads(fetch(f"{PYPI}/{name}/json"))["info"]
            return f"{info['name'].lower()}=={info['version']}"
        except Exception as exc:  # noqa: BLE001 - a name that is gone is left out
            print(f"skip {name}: {exc}", file=sys.stderr)
            return None

    with ThreadPoolExecutor(8) as pool:
        pins = sorted({p for p in pool.map(latest, names) if p})
    PINNED.write_text("# name==version, one a line (resolve with --resolve)\n"
                      + "\n".join(pins) + "\n")
    print(f"{len(pins)} packages pinned in {PINNED}")


def wanted(name: str) -> bool:
    path = PurePosixPath(name)
    parts = {p.lower() for p in path.parts[1:-1]}  # the first part is the sdist's folder
    if parts & SKIP_PARTS or any(p.endswith(".egg-info") for p in parts):
        return False
    suffix = path.suffix.lower()
    if suffix not in DOC_SUFFIXES or SKIP_NAMES.match(path.name):
        return False
    return suffix != ".txt" or bool(TEXT_NAMES.match(path.name))


def _priority(name: str) -> tuple[int, str]:
    """Top-level README/CHANGELOG first, then docs, so the per-package cap keeps variety."""
    depth = len(PurePosixPath(name).parts)
    return (0 if depth <= 2 else 1, name)


def members(blob: bytes, filename: str) -> dict[str, bytes]:
    """Documentation files inside an sdist (tar.gz or zip)."""
    found: dict[str, bytes] = {}
    if filename.endswith((".tar.gz", ".tgz")):
        with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
            for info in tar:
                if info.isfile() and MIN_BYTES <= info.size <= MAX_BYTES and wanted(info.name):
                    handle = tar.extractfile(info)
                    if handle is not None:
                        found[info.name] = handle.read()
    elif filename.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            for info in archive.infolist():
                if MIN_BYTES <= info.file_size <= MAX_BYTES and wanted(info.filename):
                    found[info.filename] = archive.read(info)
    return found


def harvest_one(pin: str, out: Path, per_package: int) -> int:
    name, version = pin.split("==")
    target = out / name
    if target.is_dir() and any(target.iterdir()):
        return len(list(target.iterdir()))  # done in an earlier run
    try:
        project_url = f"{PYPI}/{name}/json"
        release = json.loads(fetch(project_url))
    except Exception as exc:  # noqa: BLE001
        print(f"{pin}: {exc}", file=sys.stderr)
        return 0
    files: dict[str, bytes] = {}
    # The pinned version's files (the index may give their URLs relative to the page).
    urls = release.get("releases", {}).get(version) or []
    sdist = next((u for u in urls if u["packagetype"] == "sdist"), None)
    if sdist:
        try:
            files = members(fetch(urljoin(project_url, sdist["url"]), timeout=180),
                            sdist["filename"])
        except Exception as exc:  # noqa: BLE001
            print(f"{pin}: {exc}", file=sys.stderr)
    # The long description is the current release's; used only when there is no sdist.
    description = release["info"].get("description") or ""
    if not files and len(description) >= MIN_BYTES:
        kind = release["info"].get("description_content_type") or ""
        files = {f"{name}/README{'.md' if 'markdown' in kind else '.rst'}":
                 description.encode()}
    target.mkdir(parents=True, exist_ok=True)
    kept = sorted(files, key=_priority)[:per_package]
    for member in kept:
        flat = "__".join(PurePosixPath(member).parts[1:]) or PurePosixPath(member).name
        (target / flat).write_bytes(files[member])
    return len(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--per-package", type=int, default=12)
    parser.add_argument("--resolve", type=Path, help="a file of package names to pin")
    args = parser.parse_args()
    if args.resolve:
        resolve(args.resolve)
        return
    pins = [line.strip() for line in PINNED.read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    args.out.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(args.jobs) as pool:
        counts = list(pool.map(lambda p: harvest_one(p, args.out, args.per_package), pins))
    print(f"{sum(counts)} files from {sum(1 for c in counts if c)} of {len(pins)} packages "
          f"in {args.out}")


if __name__ == "__main__":
    main()
