"""Start Flipover from a source checkout: ``python run.py [--host H] [--port P] [--db PATH] [--message-queue redis://...]``.

The development entry (``make run``, the tests' live server). The code is flipover.py's,
shared with the installed ``flipover`` command and with the same flags; here the data stays
in the checkout's instance/ and exports/, the server listens on 127.0.0.1 unless told
otherwise, and no browser opens unless ``--browser``. Monkey-patching for eventlet happens
in flipover.main() and only there, before anything else is imported, so tests can import
the app factory without it.
"""

from __future__ import annotations

import flipover


def main(argv: list[str] | None = None) -> None:
    flipover.main(argv, checkout=True)


if __name__ == "__main__":
    main()
