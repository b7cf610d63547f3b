"""How `make serve` learns that a file was saved. Part of the MkDocs adapter (hook.py).

MkDocs' server watches with watchdog's PollingObserver: every half second it lists and stats
every file under the watched folders, on a thread of the serving process. With thousands of
entries that is a few hundredths of a second of every half second taken from the rebuilds,
and a save waits up to half a second to be seen. watchdog's `Observer` uses the system's own
notifications where it has them (inotify, FSEvents, ReadDirectoryChangesW): a save is seen
at once, and nothing is listed. Where it has none, it is a PollingObserver again.

The system tells of a file opened or read as well as of one written, and MkDocs rebuilds on
any event: every build reads the files it watches, so each would ask for the next. Only
changes are asked for here.
"""

from __future__ import annotations

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

# A file written (modified, then closed after writing), made, removed or renamed; never one
# opened, read, or closed unwritten, nor a change of its attributes alone.
CHANGES = [FileModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent]


class _Changes(Observer):  # type: ignore[valid-type,misc]  # Observer is the platform's class
    """The system's observer, telling of changes only, whatever its caller asks."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(
            event_handler, path, recursive=recursive, event_filter=CHANGES, follow_symlink=follow_symlink
        )


def notified(server):
    """`server` (MkDocs' LiveReloadServer, not yet serving) watching what it watched with the
    system's notifications of changes; as it was where watchdog has none."""
    if type(server.observer) is not PollingObserver or Observer is PollingObserver:
        return server
    # MkDocs counts what it watches by path, and offers no way to list it but this attribute.
    watched = dict(getattr(server, "_watched_paths", {}))
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = _Changes()
    for path, times in watched.items():
        for _ in range(times):
            server.watch(path)
    return server
