"""The `timeline` command: thin calls into the pipeline, with errors shown as path:line: message."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.config import CONFIG_FILE, Config, load_config
from generator.display import shown_path
from generator.errors import Problem, TimelineError
from generator.report import counted

# a flag in these parents may come before or after the command: SUPPRESS keeps the later one from overwriting the earlier
def _project_flags() -> argparse.ArgumentParser:
    project = argparse.ArgumentParser(add_help=False)
    project.add_argument("-s", "--root", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                         help="project folder holding seeds/, content/, templates/ and timeline.toml (default: .)")
    project.add_argument("--config", type=Path, default=argparse.SUPPRESS, metavar="FILE", help="read settings from FILE instead of ROOT/timeline.toml")
    return project


def _talk_flags() -> argparse.ArgumentParser:
    talk = argparse.ArgumentParser(add_help=False)
    loudness = talk.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print only errors")
    loudness.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="print more detail")
    return talk


def _site_flags(command: argparse.ArgumentParser, search_help: str) -> None:
    command.add_argument("-d", "--site-dir", metavar="DIR", help="write the site to DIR, relative to the current folder (default: ROOT/site, or site_dir in timeline.toml)")
    command.add_argument("--no-search", dest="search", action="store_false", default=None, help=search_help)


def parser() -> argparse.ArgumentParser:
    project, talk = _project_flags(), _talk_flags()
    both = [project, talk]
    top = argparse.ArgumentParser(prog="timeline", description="Turn news articles into a browsable, publishable static timeline. "
                                  "Start with: timeline init, then timeline ingest and timeline serve.",
                                  epilog="What a command lists (actors, locations, check's problems, merge's plan, paths made) goes to standard output; "
                                         "summaries, counts, progress and errors go to standard error.", parents=both)
    top.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    init = sub.add_parser("init", parents=[talk], help="make a new project: an example article, settings, .gitignore and README",
                          description="Make a new project in DIR: seeds/ with an example article, timeline.toml with every common "
                                      "setting commented, a .gitignore and a README saying what to run next. Never overwrites a file.")
    init.add_argument("dir", nargs="?", type=Path, metavar="DIR", help="the new project's folder, made if missing (default: ROOT, else .)")
    init.add_argument("-s", "--root", type=Path, default=argparse.SUPPRESS, metavar="DIR", help=argparse.SUPPRESS)

    ingest = sub.add_parser("ingest", parents=both, help="turn articles (files, web pages, URLs, feeds, exports) into entries under content/",
                            description="Convert articles into entries under ROOT/content/: seed-format .txt files, saved web pages (.html), "
                                        "URLs of article pages, RSS and Atom feeds (a URL or a file), and exports (.jsonl, .json, .csv). "
                                        "By default every such file under ROOT/seeds/. Fetched pages are saved under ROOT/seeds/web/ and "
                                        "read from there next time. Entries edited by hand since ingest wrote them are kept, never overwritten.")
    ingest.add_argument("paths", nargs="*", metavar="PATH|URL", help="files, folders, or http(s) URLs of pages and feeds (default: ROOT/seeds/)")
    ingest.add_argument("--refresh", action="store_true", help="fetch pages again even when a copy is saved under seeds/web/")
    ingest.add_argument("--diff", action="store_true", help="for each entry kept because it was edited by hand, show what ingest would change")
    ingest.add_argument("--force", action="append", default=[], metavar="ID",
                        help="regenerate entry ID even if edited (a backup goes to content/.backups/) or deleted; repeatable")
    ingest.add_argument("--cluster", metavar="ADDRESS", help="run spaCy on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), "
                                                             "or on N local worker processes (local:N); needs pip install 'timeline[cluster]' "
                                                             "(default: here, or cluster in timeline.toml)")

    build = sub.add_parser("build", parents=both, help="build the site from content/ into site/, once",
                           description="Build ROOT/content/ with the templates into ROOT/site/ (or -d DIR), once. "
                                       "Nothing is published if content has errors.")
    build.add_argument("--base-url", metavar="URL", help="absolute URL the site will be published at, for feeds, sitemap and canonical links")
    _site_flags(build, "skip the full-text search index (Pagefind) and the search page")

    serve = sub.add_parser("serve", parents=[project], help="build, serve on 127.0.0.1 and rebuild on every change",
                           description="Build the site, serve it locally and rebuild and reload the browser when content, templates "
                                       "or settings change.")
    serve.add_argument("-p", "--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    _site_flags(serve, "skip the full-text search index (Pagefind)")

    new = sub.add_parser("new", parents=both, help="create an empty entry to edit by hand",
                         description="Create a correctly formed entry under ROOT/content/ and print its path.")
    new.add_argument("title", help="the entry's title")
    new.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD", help="the event's date (default: today)")

    check = sub.add_parser("check", parents=both, help="validate content/ and list every problem",
                           description="Validate every entry and registry file under ROOT/content/. Lists path:line: message "
                                       "for each problem; exit 1 if any error. Names missing from the registry, or written by an alias, are warnings.")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--fix", action="store_true", help="first write the canonical name wherever an entry names an actor or location by an alias "
                                                          "(only that list changes; a file edited meanwhile is left alone)")

    sub.add_parser("schema", parents=[project], help="print a JSON Schema of entry front matter, with registry names",
                   description="Print a JSON Schema of entry front matter for editors; every actor and location in the "
                               "registry is offered as a completion example.")
    for field in ("actors", "locations"):
        lister = sub.add_parser(field, parents=both, help=f"list {field} with their number of entries and kind",
                                description=f"List every {field[:-1]} named in content/, most entries first, with its kind from the registry.")
        if field == "locations":
            lister.add_argument("--explain", metavar="NAME", help="show the places NAME could be and why entries got the one they did")
    # both make the same changes (plan_merge, then apply); they differ in what NEW is, which is what the user knows
    for verb, text in (("merge", "fold OLD into NEW, an actor or location already named: their registry records are combined"),
                       ("rename", "give actor or location OLD the new name NEW: its registry record takes the new name")):
        command = sub.add_parser(verb, parents=both, help=text,
                                 description=f"{text[0].upper()}{text[1:]}. Entries and registry change; OLD becomes an alias of NEW and "
                                             "OLD's page redirects to NEW's. merge and rename make the same changes: use merge when NEW "
                                             "is already an actor or location, rename when it is a new name. Shows the changes first; "
                                             "asks before writing, or needs --yes.")
        command.add_argument("old", metavar="OLD")
        command.add_argument("new", metavar="NEW")
        command.add_argument("--yes", action="store_true", help="apply without asking")
        which = command.add_mutually_exclusive_group()
        which.add_argument("--actors", dest="field", action="store_const", const="actors", help="OLD is an actor")
        which.add_argument("--locations", dest="field", action="store_const", const="locations", help="OLD is a location")
    return top


@dataclass(frozen=True)
class Voice:
    """What the command says on standard error besides errors: nothing (-q), summaries, or more detail (-v)."""

    level: int = 1  # 0: quiet, 1: normal, 2: verbose

    def say(self, line: str) -> None:
        """A summary or progress line."""
        if self.level >= 1:
            print(line, file=sys.stderr)

    def detail(self, line: str) -> None:
        """A line only -v shows."""
        if self.level >= 2:
            print(line, file=sys.stderr)

    @staticmethod
    def problem(line: str) -> None:
        """A problem: always shown."""
        print(line, file=sys.stderr)


def run() -> None:
    """The `timeline` command: main(), then out at once, without freeing a large site's objects one by one."""
    for stream in (sys.stdout, sys.stderr):  # a file name need not be UTF-8: printing one must never crash the command
        stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return _run(args)
    except TimelineError as error:
        print(error.format_message(), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    voice = Voice(0 if getattr(args, "quiet", False) else 2 if getattr(args, "verbose", False) else 1)
    root: Path = getattr(args, "root", Path("."))
    if args.command == "init":
        return _init(args.dir or root, voice)
    if not root.is_dir():
        raise TimelineError(f"--root {root}: no such folder")
    site_dir = getattr(args, "site_dir", None)
    config_file = getattr(args, "config", None)
    config = load_config(root, config_file, base_url=getattr(args, "base_url", None), search=getattr(args, "search", None),
                         site_dir=str(Path(site_dir).absolute()) if site_dir else None, cluster=getattr(args, "cluster", None))
    voice.detail(f"settings: {config_file or root / CONFIG_FILE}{'' if (config_file or root / CONFIG_FILE).is_file() else ' (none: the defaults)'}")
    if args.command == "ingest":
        return _ingest(config, args, voice)
    if args.command == "build":
        from generator.build import build
        from generator.load import entry_files

        if not entry_files(config.content):
            voice.problem(_nothing_to_build(config))
            return 1
        voice.detail(f"site folder: {config.site}")
        voice.say(build(config).summary())
        return 0
    if args.command == "serve":
        return _serve(config, args.host, args.port, {"search": args.search, "site_dir": config.site_dir, "config_file": config_file})
    if args.command == "new":
        from generator.new import new_entry

        print(new_entry(config, args.title, args.date or datetime.date.today()))
        return 0
    if args.command == "schema":
        from generator.registry import load_registry
        from generator.schema import entry_schema

        print(entry_schema(load_registry(config.content)), end="")
        return 0
    if args.command == "locations" and args.explain:
        from generator.explain import explain

        print("\n".join(explain(config, args.explain)))
        return 0
    if args.command in ("actors", "locations"):
        return _list(config, args.command, voice)
    if args.command in ("merge", "rename"):
        return _merge(config, args, voice)
    from generator.check import check

    refused = _fix(config) if args.fix else []
    count, problems = check(config)
    problems += refused
    for problem in problems:  # the list check was asked for: on standard output, like a linter's
        print(problem.format())
    errors = sum(not p.warning or args.strict for p in problems)
    voice.say(f"checked {counted(count, 'entry')}: {counted(errors, 'error')}, {counted(len(problems) - errors, 'warning')}")
    return 1 if errors else 0


def _init(folder: Path, voice: Voice) -> int:
    from generator.init import init

    for path in init(folder):
        print(path)
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    voice.say(f"made a new timeline in {folder}; next: {go}timeline ingest (the example article in seeds/ becomes an entry), "
              "then timeline serve to see the site")
    return 0


def _nothing_to_build(config: Config) -> str:
    """Why there is no site to build, and how to start one."""
    seeds = config.seeds.is_dir() and any(p.is_file() for p in config.seeds.iterdir())
    where = "content/ has no entries" if config.content.is_dir() else "there is no content/ folder"
    start = ("run 'timeline ingest' to turn the articles in seeds/ into entries" if seeds else
             "run 'timeline init' for a new project with an example article, 'timeline ingest PATH|URL' to turn articles into entries")
    return f"{shown_path(config.root)}: nothing to build yet: {where}; {start}, or 'timeline new \"Title\"' to write one by hand"


def _ingest(config: Config, args: argparse.Namespace, voice: Voice) -> int:
    from generator.ingest import ingest
    from generator.ingest_plan import is_url

    inputs = [path if is_url(path) else Path(path) for path in args.paths]
    with open(os.devnull, "w", encoding="utf-8") if voice.level == 0 else contextlib.nullcontext(None) as progress:
        report = ingest(config, inputs, say=voice.problem, force=frozenset(args.force), diff=args.diff, refresh=args.refresh, progress=progress)
    for name in report.ingested:
        voice.detail(f"ingested {name}")
    for name in report.kept:
        voice.detail(f"kept {name} (edited by hand)")
    voice.say(report.summary())
    return 1 if report.failed else 0


def _fix(config: Config) -> list[Problem]:
    """Writes canonical names for aliases in entries, saying what changed; the problems of files it left alone."""
    from generator.content_lock import content_lock
    from generator.fix import apply_fix, plan_fix

    with content_lock(config.root, "check --fix"):  # from reading to writing: no ingest or merge changes content/ in between
        done, refused = apply_fix(config, plan_fix(config))
    for fix in done:
        print(f"fixed {fix.describe(config.root)}")
    return refused


def _list(config: Config, field: str, voice: Voice) -> int:
    from generator.build import read_content

    timeline, _ = read_content(config)
    terms = sorted(timeline.terms(field), key=lambda t: (-len(t.entries), t.name.casefold()))
    for term in terms:
        kind = term.record.kind if term.record and term.record.kind else "-"
        print(f"{len(term.entries):6}  {term.name}  ({kind})")
    voice.say(counted(len(terms), field[:-1]))
    return 0


def _merge(config: Config, args: argparse.Namespace, voice: Voice) -> int:
    from generator.content_lock import content_lock
    from generator.merge import apply, plan_merge

    with content_lock(config.root, args.command):  # from plan to apply: no ingest or other merge changes content/ in between
        plan = plan_merge(config, args.old, args.new, args.field)
        print("\n".join(plan.describe(config.root)))
        if not args.yes:
            if not sys.stdin.isatty():
                voice.problem("nothing changed: run again with --yes to apply")
                return 1
            if input("apply these changes? [y/N] ").strip().lower() not in ("y", "yes"):
                voice.problem("nothing changed")
                return 1
        apply(config, plan)  # refuses if a person edited a planned file meanwhile
    done = f"merged '{plan.old}' into '{plan.new}'" if args.command == "merge" else f"renamed '{plan.old}' to '{plan.new}'"
    voice.say(f"{done} ({counted(len(plan.entries), 'entry')} rewritten); run timeline build to update the site")
    return 0


def _serve(config: Config, host: str, port: int, overrides: dict[str, object]) -> int:
    from generator.serve import serve
    from generator.served import Served

    say = lambda line: print(line, file=sys.stderr)  # noqa: E731
    project = Served(config.root, say, overrides=overrides)  # flags outlast a change of the settings file
    settings = overrides.get("config_file") or config.root / CONFIG_FILE
    try:
        serve(project, [config.content, config.templates, Path(str(settings))], config.site, host=host, port=port, say=say)
    finally:
        project.close()
    return 0


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None
