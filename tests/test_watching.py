"""`make serve` sees a save through the system's notifications (macros/watching.py), not by
listing every file twice a second, and still rebuilds on every save it used to."""

from __future__ import annotations

import time

from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from macros.watching import notified


def _server(tmp_path, *watched) -> LiveReloadServer:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    for path in watched:
        server.watch(str(path))
    return server


def _wants_rebuild(server: LiveReloadServer, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if server._want_rebuild:
            return True
        time.sleep(0.01)
    return False


def test_a_save_in_any_watched_folder_asks_for_a_rebuild(tmp_path):
    entries, docs = tmp_path / "entries" / "people", tmp_path / "docs"
    entries.mkdir(parents=True)
    docs.mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n")
    server = notified(_server(tmp_path, tmp_path / "entries", docs, config, docs))
    assert isinstance(server.observer, Observer) and Observer is not PollingObserver  # where the system can
    assert server._watched_paths == {str(tmp_path / "entries"): 1, str(docs): 2, str(config): 1}
    server.observer.start()
    try:
        for saved in (entries / "new.md", docs / "index.md", config):
            server._want_rebuild = False
            saved.write_text("changed\n")
            assert _wants_rebuild(server), saved
        time.sleep(0.3)  # the last save's events all told (a write, then its file closed)
        server._want_rebuild = False
        # A build reads every file it watches: reading asks for no rebuild, or each would ask for the next.
        for read in (entries / "new.md", docs / "index.md", config):
            read.read_bytes()
        (entries / "new.md").stat()
        time.sleep(0.5)
        assert not server._want_rebuild  # nothing saved, nothing asked
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()
