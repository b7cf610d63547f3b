"""Loaded into a build under test (via PYTHONPATH): records every file it opens, every network
call and every process it starts, through Python's audit hooks, into $DOSSIER_AUDIT_LOG."""

import os
import sys

_log = open(os.environ["DOSSIER_AUDIT_LOG"], "a", encoding="utf-8")


def _hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        _log.write(f"open\t{os.path.abspath(os.fsdecode(args[0]))}\n")
    elif event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "http.client.connect"):
        _log.write(f"network\t{event}\t{args[1:]!r}\n")
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"):
        _log.write(f"process\t{event}\t{args!r}\n")
    else:
        return
    _log.flush()


sys.addaudithook(_hook)
