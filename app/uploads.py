"""Where files uploaded for one session live (e.g. kennismaken's own association cards).

The core owns the folder, not what is in it: ``UPLOADS_DIR/<code>/`` (default: the
instance folder's ``uploads/``), removed with the session (app/retention.py). A
work format reaches it through its HTTP routes' context (``ctx.files_dir()``,
app/workform_routes.py) or, where no request is at hand (the PDF is laid out in a
worker thread), :func:`session_dir` as ``app.workform.session_files_dir``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from flask import Flask, current_app, has_app_context

from app.codes import normalise_code

# Where uploads live when no Flask app context is at hand (the PDF is laid out in a
# worker thread under eventlet); a process serves one app, so its folder is known.
_fallback_root: Path | None = None


def init_app(app: Flask) -> None:
    global _fallback_root
    default = os.environ.get("FLIPOVER_UPLOADS_DIR") or str(Path(app.config["INSTANCE_DIR"]) / "uploads")
    app.config.setdefault("UPLOADS_DIR", default)
    _fallback_root = Path(app.config["UPLOADS_DIR"])


def use_root(path: str) -> None:
    """The folder of a heavy-work child (app/heavy_worker.py), which has no app: the server's."""
    global _fallback_root
    _fallback_root = Path(path)


def root() -> Path:
    if has_app_context():
        return Path(current_app.config["UPLOADS_DIR"])
    if _fallback_root is None:
        raise RuntimeError("uploads.init_app() has not run")
    return _fallback_root


def session_dir(code: str) -> Path:
    """The folder of one session's files (it may not exist yet)."""
    clean = normalise_code(code)
    if clean is None:
        raise ValueError(f"not a session code: {code!r}")
    return root() / clean


def delete_session_files(code: str) -> None:
    """Remove every upload of a session (called when the session is deleted)."""
    clean = normalise_code(code)
    if clean:
        shutil.rmtree(root() / clean, ignore_errors=True)
