"""Sync with the central server (docs/architecture.md, "Sync"): HTTP client, engine, credentials.

No Qt here except qt_job.py, which runs the engine on a worker thread for the window.
"""
