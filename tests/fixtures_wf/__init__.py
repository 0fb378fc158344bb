"""Helper files for tests: fake third-party work formats, installed the way pip
would (package + dist-info with entry points) into a folder put on the path."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.registry import ENTRY_POINT_GROUP

FIXTURES = Path(__file__).parent


def install_fake_distribution(root: Path, package: str = "fo_extra", entry_point: str | None = None) -> Path:
    """Lay out ``package`` with its dist-info under ``root``; return ``root``."""
    entry_point = entry_point or f"{package.removeprefix('fo_')} = {package}:workform"
    shutil.copytree(FIXTURES / package, root / package, ignore=shutil.ignore_patterns("__pycache__"))
    info = root / f"{package}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\n{entry_point}\n")
    return root
