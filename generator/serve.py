"""A live-reload server that knows nothing about timelines: a build callable and folders to watch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from livereload import Server


def serve(build: Callable[[], None], watch: Iterable[Path], site: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serves `site` on host:port, calling `build` and reloading browsers when a watched file changes."""
    server = Server()
    for folder in watch:
        server.watch(str(folder), build, delay=0.2)
    server.serve(host=host, port=port, root=str(site), open_url_delay=None, restart_delay=0)
