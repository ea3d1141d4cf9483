"""llama.cpp's OpenAI-compatible server as a child that never outlives the process that started it.

``python -m assistant.llm.owned_server PARENT_PID <llama_cpp.server arguments>`` runs ``llama_cpp.server`` in this
process and watches the parent: once the parent is gone (stopped by SIGTERM, SIGINT, SIGKILL or a crash, so that it
could not stop the server itself), this process exits too, freeing its port and memory.
"""

from __future__ import annotations

import os
import runpy
import sys
import threading
import time

POLL_S = 0.5


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_S)
    os._exit(0)  # the parent is gone: nobody can use or stop this server any more


def main(argv: list[str]) -> None:
    parent = int(argv[0])
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()
    sys.argv = ["llama_cpp.server", *argv[1:]]
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
