"""Installable like any Python application (issue 23): the wheel, installed into a fresh
virtual environment outside the repository, gives a ``flipover`` command that serves the
whole app from an empty folder, keeps its data in the data folder and nowhere else, and
falls back to threading where eventlet cannot be used.

The wheel is built and installed once per run (module fixture); the dependencies come from
the same package index pip uses for requirements.txt. Linux only (the venv's ``bin/``)."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import open_trots
from fixtures_wf import install_fake_distribution
from live_server import free_port

import flipover
from app import config

ROOT = Path(__file__).resolve().parent.parent

# The tests that build, install and start the wheel are slow; the command line's own rules are not.
installs = pytest.mark.live
posix_venv = pytest.mark.skipif(sys.platform == "win32", reason="the test venv's layout is the POSIX one")


@dataclass
class Installed:
    venv: Path
    site_packages: Path

    @property
    def flipover(self) -> str:
        return str(self.venv / "bin" / "flipover")


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{cmd} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel from this checkout and pip-install it into a fresh venv, as
    ``pipx install flipover-<version>-py3-none-any.whl`` would."""
    base = tmp_path_factory.mktemp("install")
    dist = base / "dist"
    quiet = ["--disable-pip-version-check", "-q"]
    run([sys.executable, "-m", "pip", "wheel", *quiet, "--no-deps", "-w", str(dist), str(ROOT)])
    (wheel,) = dist.glob("flipover-*-py3-none-any.whl")
    venv = base / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    run([str(venv / "bin" / "python"), "-m", "pip", "install", *quiet, str(wheel)])
    (site_packages,) = (venv / "lib").glob("python3*/site-packages")
    return Installed(venv, site_packages)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a facilitator's shell: none of this repository's settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FLIPOVER_", "XDG_")) and key not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    return {**env, "HOME": str(home), **extra}


def files_of(folder: Path) -> set[str]:
    """Every file under ``folder``, bytecode caches left out."""
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


class Flipover:
    """``flipover --host 127.0.0.1 --port <free> --no-browser`` as a subprocess."""

    def __init__(self, installed: Installed, cwd: Path, env: dict[str, str], *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = cwd.parent / f"flipover-{self.port}.log"
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [installed.flipover, "--host", "127.0.0.1", "--port", str(self.port), "--no-browser", *extra],
                cwd=cwd,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"flipover exited {self.proc.returncode}: {self.output()}"
            try:
                urllib.request.urlopen(self.url + "/api/workforms", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"flipover did not answer within 60 s: {self.output()}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, headers=headers or {})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()

    def create_session(self, **body: object) -> dict:
        request = urllib.request.Request(
            self.url + "/api/sessions", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 201
            return json.load(response)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


@pytest.fixture
def places(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    """An empty working folder, an empty home and the data folder (not made yet)."""
    cwd, home = tmp_path / "cwd", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    yield cwd, home, tmp_path / "data"


@installs
@posix_venv
def test_installed_flipover_serves_everything_and_writes_only_its_data_folder(installed, places):
    cwd, home, data = places
    before = files_of(installed.site_packages)
    server = Flipover(installed, cwd, clean_env(home, FLIPOVER_DATA_DIR=str(data)))
    try:
        session = server.create_session(title="Kick-off De Linde", agenda=open_trots(["trots", "toelichting"]))
        # The facilitator's start page, the board page, the shared front end, a work
        # format's own file and the compiled English catalogue come from the wheel.
        assert server.get("/")[0] == 200
        status, board = server.get(f"/b/{session['code']}")
        assert status == 200 and b"<html" in board.lower()
        assert server.get("/static/css/base.css")[0] == 200
        status, script = server.get("/wf/trots/static/board.js")
        assert status == 200 and script == (ROOT / "workforms" / "trots" / "static" / "board.js").read_bytes()
        status, english = server.get("/i18n/en.json")
        assert status == 200 and len(json.loads(english)) > 100, "translations/*.mo missing from the wheel"
        bearer = {"Authorization": f"Bearer {session['facilitator_token']}"}
        status, pdf = server.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer)
        assert status == 200 and pdf.startswith(b"%PDF"), "the PDF (reportlab, fonts from static/fonts)"
    finally:
        server.stop()
    assert "Begeleider, begin hier" in server.output()

    # Everything it wrote is in the data folder: the database, the secret key, the exported report.
    written = files_of(data)
    assert {"flipover.db", "secret_key"} <= written, written
    assert any(name.startswith("exports/") for name in written), written
    assert list(cwd.iterdir()) == [], "flipover wrote into the folder it was started from"
    assert list(home.iterdir()) == [], "flipover wrote into the home folder besides its data folder"
    assert files_of(installed.site_packages) == before, "flipover wrote into site-packages"


@installs
@posix_venv
def test_where_names_the_platform_data_folder(installed, places):
    """No FLIPOVER_DATA_DIR: the user's data folder (platformdirs; XDG_DATA_HOME on Linux)."""
    cwd, home, _ = places
    xdg = home / "share"
    done = run([installed.flipover, "--where"], cwd=cwd, env=clean_env(home, XDG_DATA_HOME=str(xdg)))
    expected = xdg / "flipover"
    assert f"Database:        {expected / 'flipover.db'}" in done.stdout, done.stdout
    assert f"Exports:         {expected / 'exports'}" in done.stdout, done.stdout
    assert str(installed.site_packages / "app" / "_data") in done.stdout  # the program's own files
    assert not xdg.exists(), "--where only tells, it makes nothing"
    assert list(cwd.iterdir()) == []


def broken_eventlet(folder: Path) -> Path:
    """A folder that, put first on PYTHONPATH, makes ``import eventlet`` fail, as it may
    where eventlet does not support the system or the Python."""
    (folder / "eventlet").mkdir(parents=True)
    (folder / "eventlet" / "__init__.py").write_text('raise ImportError("eventlet is hier kapot (test)")\n')
    return folder


@installs
@posix_venv
def test_without_eventlet_it_falls_back_to_threading_and_a_room_works(installed, places, tmp_path):
    """The Socket.IO smoke path on the fallback: a phone's note reaches the board. A third-party
    work format installed beside it (entry point ``flipover.workforms``) is found too."""
    import socketio

    cwd, home, data = places
    plugin = install_fake_distribution(tmp_path / "plugin")
    path = os.pathsep.join([str(broken_eventlet(tmp_path / "shadow")), str(plugin)])
    server = Flipover(installed, cwd, clean_env(home, FLIPOVER_DATA_DIR=str(data), PYTHONPATH=path))
    clients: list[socketio.Client] = []
    try:
        assert "eventlet werkt hier niet" in server.output()
        assert "eenvoudige modus (threading)" in server.output()
        slugs = {w["slug"] for w in json.loads(server.get("/api/workforms")[1])}
        assert {"trots", "extra"} <= slugs
        session = server.create_session(title="Zonder eventlet", agenda=open_trots(["trots", "extra"]))
        notes: queue.Queue[dict] = queue.Queue()

        def connect(*, listen: bool = False, **join: object) -> dict:
            client = socketio.Client(reconnection=False)
            clients.append(client)
            if listen:
                client.on("note:added", notes.put)
            client.connect(server.url, wait_timeout=10)
            ack = client.call("join", {"code": session["code"], **join}, timeout=10)
            assert ack["ok"], ack
            return ack

        connect(role="board", listen=True)
        ack = connect(role="participant", name="Anna")
        phone = clients[-1]
        activity = next(a for a in ack["state"]["activities"] if a["workform"] == "trots")
        result = phone.call(
            "note:add",
            {"activity_id": activity["id"], "client_id": str(uuid.uuid4()), "text": "Onze triage"},
            timeout=10,
        )
        assert result["ok"], result
        assert notes.get(timeout=10)["note"]["text"] == "Onze triage"
    finally:
        for client in clients:
            client.disconnect()
        server.stop()


@installs
@posix_venv
def test_a_taken_port_is_said_in_dutch_in_threading_mode(installed, places):
    cwd, home, data = places
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        threading_on_taken_port = ["--host", "127.0.0.1", "--port", str(port), "--async-mode", "threading"]
        done = subprocess.run(
            [installed.flipover, *threading_on_taken_port, "--no-browser"],
            cwd=cwd,
            env=clean_env(home, FLIPOVER_DATA_DIR=str(data)),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode != 0
    assert f"Poort {port} is niet beschikbaar" in done.stderr, done.stderr
    assert "Kies anders --port" in done.stderr


# --- the command line's rules, in-process ---------------------------------------------


def test_flipover_and_run_py_share_flags_and_differ_in_defaults_only():
    installed, checkout = flipover.parse_args([]), flipover.parse_args([], checkout=True)
    assert vars(installed).keys() == vars(checkout).keys()
    assert (installed.host, installed.browser) == ("0.0.0.0", True)  # phones must reach the laptop
    assert (checkout.host, checkout.browser) == ("127.0.0.1", False)
    assert flipover.parse_args(["--no-browser"]).browser is False
    assert flipover.parse_args(["--browser"], checkout=True).browser is True


def test_data_stays_in_the_checkout_for_run_py_and_goes_to_the_data_folder_for_flipover(monkeypatch, tmp_path):
    monkeypatch.delenv("FLIPOVER_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert not config.INSTALLED  # the tests run from a checkout
    args = flipover.parse_args([])
    assert flipover.data_overrides(args, checkout=True) == {
        "INSTANCE_DIR": str(ROOT / "instance"),
        "EXPORTS_DIR": str(ROOT / "exports"),
        "DATABASE": str(ROOT / "instance" / "flipover.db"),
    }
    user = tmp_path / "xdg" / "flipover"
    assert flipover.data_overrides(args, checkout=False) == {
        "INSTANCE_DIR": str(user),
        "EXPORTS_DIR": str(user / "exports"),
        "DATABASE": str(user / "flipover.db"),
    }
    monkeypatch.setenv("FLIPOVER_DATA_DIR", str(tmp_path / "mine"))
    assert config.data_dirs() == (tmp_path / "mine", tmp_path / "mine" / "exports")  # run.py follows it too
    with_db = flipover.parse_args(["--db", str(tmp_path / "x.db")])
    assert flipover.data_overrides(with_db, checkout=False)["DATABASE"] == str(tmp_path / "x.db")


def test_eventlet_that_cannot_be_imported_means_threading(monkeypatch):
    monkeypatch.setitem(sys.modules, "eventlet", None)  # import eventlet raises ImportError
    mode, why = flipover.choose_async_mode(None)
    assert mode == "threading" and why and "eventlet werkt hier niet" in why
    assert flipover.choose_async_mode("threading") == ("threading", None)


def test_windows_uses_threading_unless_eventlet_is_asked_for(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    mode, why = flipover.choose_async_mode(None)
    assert mode == "threading" and why and "Windows" in why


def test_the_start_page_opens_in_the_browser_unless_told_not_to(monkeypatch):
    opened: list[str] = []

    class Now:
        def __init__(self, _delay: float, target, args: tuple) -> None:
            self.go = lambda: target(*args)

        def start(self) -> None:
            self.go()

    monkeypatch.setattr(flipover.threading, "Timer", Now)
    monkeypatch.setattr(flipover.webbrowser, "open", opened.append)
    flipover.open_browser(flipover.parse_args(["--no-browser"]))
    assert opened == []
    flipover.open_browser(flipover.parse_args(["--port", "5123"]))
    assert opened == ["http://127.0.0.1:5123/"]


def test_the_banner_names_the_phones_address_and_what_to_do_on_an_isolating_wifi(capsys):
    flipover.print_banner(flipover.parse_args(["--port", "5123"]), "192.0.2.7")
    out = capsys.readouterr().out
    assert "Begeleider, begin hier: http://127.0.0.1:5123/" in out
    assert "http://192.0.2.7:5123/" in out
    assert "hotspot" in out
