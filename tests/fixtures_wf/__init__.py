"""Helper files for tests: a fake third-party work format (see test_registry.py)."""
