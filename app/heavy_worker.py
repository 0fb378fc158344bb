"""The child process of :func:`app.blocking.run_heavy` (``main(argv)`` with ``MEMORY_MB CPU_SECONDS``;
the server starts it with ``python -c`` after ``os.nice(10)``, see ``app.blocking.BOOT``).

It reads two pickles from stdin (the server's ``sys.path``, then ``(fn, args,
uploads folder)``; a report shows the session's uploaded pictures),
runs ``fn(*args)`` and writes one pickle to stdout: ``("ok", result)`` or
``("raise", exception)``. It limits itself before it unpickles anything: an
address-space limit (a decompression bomb ends in ``MemoryError``, exit status
``EXIT_MEMORY``, instead of in the server's memory), a CPU-time limit (a child
whose server died still ends). It runs at a lower priority (``os.nice(10)`` in
the start-up line, before the imports): on a busy machine the server's event loop
comes first. It never monkey-patches: it is a plain process.
"""

from __future__ import annotations

import pickle
import resource
import sys

EXIT_MEMORY = 3  # the exit status for "ran out of its memory limit" (app/blocking.py maps it to 422)


def limit(memory_mb: int, cpu_seconds: int) -> None:
    if memory_mb > 0:
        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    if cpu_seconds > 0:
        # SIGXCPU at the soft limit ends the process; the hard one is a backstop.
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def main(argv: list[str]) -> int:
    limit(int(argv[1]), int(argv[2]))
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the answer
    source = sys.stdin.buffer
    for entry in reversed(pickle.load(source)):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    try:
        fn, args, uploads_root = pickle.load(source)
        from app import uploads  # what a job may read besides its arguments: the session's uploaded files

        uploads.use_root(str(uploads_root))
        result = ("ok", fn(*args))
    except MemoryError:
        return EXIT_MEMORY
    except Exception as exc:  # the server re-raises it (an upload's refusal, or a bug)
        result = ("raise", exc)
    try:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return EXIT_MEMORY
    except Exception as exc:  # an exception that does not pickle: its text does
        data = pickle.dumps(("raise", RuntimeError(f"{type(exc).__name__}: {exc}")))
    answer.write(data)
    answer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
