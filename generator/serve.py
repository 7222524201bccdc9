"""`timeline serve`: the site on 127.0.0.1, rebuilt incrementally and reloaded in the browser on every save.

livereload's handlers serve site/ and talk to the browsers; watchfiles (inotify) says which files changed,
so nothing polls. While content/ has an error the pages show it, with file and line, instead of the site.
Only requests for the server's own names are answered, and the reload channel only to its own pages (see hosts).
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

import watchfiles
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from markupsafe import escape
from tornado.httputil import HTTPServerRequest
from tornado.ioloop import IOLoop
from tornado.routing import Matcher, Rule
from tornado.web import Application, ErrorHandler, HTTPError

from generator.display import printable
from generator.errors import TimelineError
from generator.hosts import is_own, is_same_origin, own_names

EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".part")


class Rebuilt(Protocol):
    """What a build callable returns: its summary line, and what can wait until browsers have reloaded."""

    summary: str
    then: Callable[[], None] | None


Build = Callable[[list[Path] | None], Rebuilt]  # the files that changed since the last call (None: not known); raises TimelineError


class Session:
    """The build callable and the outcome of its last call, shared by the watcher thread and the web server."""

    def __init__(self, build: Build, say: Callable[[str], None]) -> None:
        self.build = build
        self.say = say
        self.failure: TimelineError | None = None

    def rebuild(self, changed: list[Path] | None = None) -> Rebuilt | None:
        """Builds again; `changed`, the files that changed since the last build, if known."""
        try:
            rebuilt = self.build(changed)
        except TimelineError as error:
            self.failure = error
            self.say(error.format_message())
        except Exception as error:  # a bug must not stop the server from rebuilding on the next save
            self.failure = TimelineError(f"the build failed: {type(error).__name__}: {error}")
            self.say(str(self.failure))
        else:
            self.failure = None
            self.say(rebuilt.summary)
            return rebuilt
        return None


def serve(build: Build, watch: Iterable[Path], site: Path, host: str = "127.0.0.1", port: int = 8000,
          say: Callable[[str], None] = print) -> None:
    """Builds, then serves the folder `site` on host:port, building again and reloading browsers when a watched file changes."""
    session = Session(build, say)
    first = session.rebuild()
    if first is not None and first.then is not None:
        first.then()
    _application(session, site, host).listen(port, address=host)
    loop = IOLoop.current()
    stop = threading.Event()
    watched = [p for p in watch if p.exists()]
    watcher = threading.Thread(target=_watch, args=(watched, _root(watched), session, loop, stop), daemon=True)
    watcher.start()
    say(f"serving {printable(str(site))} at http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()


def _root(paths: list[Path]) -> Path:
    """The folder the watched paths are in, below which hidden folders are skipped."""
    return Path(os.path.commonpath([p.absolute() for p in paths])) if paths else Path.cwd()


STORM_GAP = 0.3  # seconds: changes this soon after a rebuild are a storm (a script, a checkout) and wait for a pause
STORM_HOLD = 1.0  # seconds: but not longer than this


def _watch(paths: list[Path], root: Path, session: Session, loop: IOLoop, stop: threading.Event) -> None:
    """Rebuilds after each burst of changes, then tells the browsers to reload (from the server's own thread).

    A save after a quiet while is built at once. Changes that keep coming right after a rebuild (hundreds
    of saves from a script, a branch checkout) are gathered until a pause of 0.1 s, or for a second at
    most, and built together: a storm of saves makes a few rebuilds, not one per save.
    """
    def worth_a_build(change: watchfiles.Change, path: str) -> bool:
        return _worth_a_build(Path(path), root)

    gc.freeze()  # what the first build left is there to stay: the collector need not walk it after every rebuild
    pending: set[str] = set()
    held_since = built_at = 0.0
    rebuilds = 0
    for changes in watchfiles.watch(*paths, watch_filter=worth_a_build, debounce=1000, step=10, stop_event=stop,
                                    rust_timeout=100, yield_on_timeout=True, raise_interrupt=False):
        now = time.monotonic()
        if changes and not pending:
            held_since = now
        pending |= {path for _, path in changes}
        if not pending or (changes and now - built_at < STORM_GAP and now - held_since < STORM_HOLD):
            continue  # nothing to do, or a storm: wait for its pause (an empty batch after 0.1 s without change)
        changed = sorted(pending)
        pending.clear()
        rebuilt = session.rebuild([Path(path) for path in changed])  # the pages browsers show first
        loop.add_callback(_Channel.reload_waiters, changed[0] if len(changed) == 1 else "*")
        if rebuilt is not None and rebuilt.then is not None:
            rebuilt.then()  # then the rest (feeds, JSON and CSV, the search index)
        built_at = time.monotonic()
        rebuilds += 1
        if rebuilds % 100 == 0:  # now and then, what the rebuilds replaced
            gc.unfreeze()
        gc.collect()  # the garbage the build left, now that the browsers have been told (builds pause the collector)
        gc.freeze()


def _worth_a_build(path: Path, root: Path) -> bool:
    """Skips editors' swap and backup files and anything hidden (the build cache, content/.backups)."""
    try:
        parts = path.absolute().relative_to(root.absolute()).parts
    except ValueError:
        parts = (path.name,)
    return not any(part.startswith(".") for part in parts) and not path.name.endswith(EDITOR_LEFTOVERS)


def _application(session: Session, site: Path, host: str) -> Application:
    """site/ and the reload channel, for requests to this server's own names; any other name gets 421 Misdirected Request.

    livereload's Server would answer any name and let any page listen on the channel, and add /forcereload
    (a GET that reloads every browser): its handlers are put together here instead.
    """
    handlers = [(r"/livereload", _Channel), (r"/livereload.js", LiveReloadJSHandler),
                (r"/(.*)", _pages_or_error(session), {"path": str(site), "default_filename": "index.html"})]
    return Application([Rule(_OwnHost(own_names(host)), handlers)], transforms=[_WithReloadScript],
                       default_handler_class=ErrorHandler, default_handler_args={"status_code": 421})


class _OwnHost(Matcher):
    """Matches the requests whose Host is one of the server's names (see hosts.is_own)."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def match(self, request: HTTPServerRequest) -> dict[str, Any] | None:
        return {} if is_own(request.host_name, self.names) else None


class _Channel(LiveReloadHandler):  # type: ignore[misc]
    """livereload's websocket, open only to the pages this server sent (browsers let any page open a websocket anywhere).

    A handshake without Origin is let in: browsers always send one, so it comes from a program on this
    machine or network (an editor's plugin, curl), which could read the site anyway; the channel says
    no more than "reload".
    """

    watcher = Watcher()  # livereload names its last changed file in the log; changes come from watchfiles, so there is none
    live_css = False

    def check_origin(self, origin: str) -> bool:
        return is_same_origin(origin, self.request.host)


class _WithReloadScript(LiveScriptInjector):  # type: ignore[misc]
    """Puts livereload's loader before </head> of each page: it opens the channel on the page's own host and port."""

    script = (b'<script type="text/javascript">(function(){var s=document.createElement("script");'
              b"var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
              b's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
              b"document.head.appendChild(s);})();</script>")  # as livereload's Server writes it


def _pages_or_error(session: Session) -> type:
    class PagesOrError(StaticFileHandler):  # type: ignore[misc]
        """Serves site/ (tornado keeps every request inside it), or, while the last build failed, a page that
        shows why. Each file is read once, whole: a rebuild may replace it while it is being sent."""

        async def get(self, path: str, include_body: bool = True) -> None:
            if "\x00" in path:
                raise HTTPError(400)
            if session.failure is not None and (path == "" or path.endswith(("/", ".html"))):
                self.set_status(500)
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(error_page(session.failure))
                return
            await super().get(path, include_body)

        def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
            path = super().validate_absolute_path(root, absolute_path)
            if path is not None:
                try:
                    with open(path, "rb") as file:
                        data = file.read()
                except OSError:
                    raise HTTPError(404) from None
                self.get_content = lambda _path, start=None, end=None: data[start:end]  # what is sent is what was read
                self.get_content_size = lambda: len(data)
            return path

    return PagesOrError


def error_page(failure: TimelineError) -> str:
    """What the browser shows while content/ has an error; livereload's script goes before </head>."""
    problems = "".join(f"<li><code>{escape(p.format())}</code></li>" for p in failure.problems)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build error · timeline</title>'
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "h1{color:#b00020}code{font:15px ui-monospace,monospace;white-space:pre-wrap}li{margin:.5rem 0}</style></head>"
        f'<body><main><h1>The site could not be built</h1><ul class="problems">{problems}</ul>'
        f"<p>{escape(str(failure))}</p><p>Fix the file and save it: this page reloads by itself.</p></main></body></html>"
    )
