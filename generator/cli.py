"""The `timeline` command: thin calls into the pipeline, with errors shown as path:line: message."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.config import Config, load_config
from generator.errors import Problem, TimelineError

def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: `timeline --root X ingest` and `timeline ingest --root X` both work, the later one winning
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, metavar="DIR", help="project folder holding seeds/, content/, templates/ and site/ (default: .)")
    top = argparse.ArgumentParser(prog="timeline", description="Turn news articles into a browsable, publishable static timeline.", parents=[common])
    top.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ingest = sub.add_parser("ingest", parents=[common], help="turn articles (files, web pages, URLs, feeds, exports) into entries under content/",
                            description="Convert articles into entries under ROOT/content/: seed-format .txt files, saved web pages (.html), "
                                        "URLs of article pages, RSS and Atom feeds (a URL or a file), and exports (.jsonl, .json, .csv). "
                                        "By default every such file under ROOT/seeds/. Fetched pages are saved under ROOT/seeds/web/ and "
                                        "read from there next time. Entries edited by hand since ingest wrote them are kept, never overwritten.")
    ingest.add_argument("paths", nargs="*", metavar="PATH|URL", help="files, folders, or http(s) URLs of pages and feeds (default: ROOT/seeds/)")
    ingest.add_argument("--refresh", action="store_true", help="fetch pages again even when a copy is saved under seeds/web/")
    ingest.add_argument("--diff", action="store_true", help="for each entry kept because it was edited by hand, show what ingest would change")
    ingest.add_argument("--force", action="append", default=[], metavar="ID",
                        help="regenerate entry ID even if edited (a backup goes to content/.backups/) or deleted; repeatable")

    build = sub.add_parser("build", parents=[common], help="build the site from content/ into site/",
                           description="Build ROOT/content/ with the templates into ROOT/site/. Nothing is published if content has errors.")
    build.add_argument("--base-url", metavar="URL", help="absolute URL the site will be published at, for feeds, sitemap and canonical links")
    build.add_argument("--no-search", dest="search", action="store_false", default=None, help="skip the full-text search index (Pagefind) and the search page")

    serve = sub.add_parser("serve", parents=[common], help="build, serve on 127.0.0.1 and rebuild on change",
                           description="Build the site, serve it locally and rebuild and reload the browser when content or templates change.")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--no-search", dest="search", action="store_false", default=None, help="skip the full-text search index (Pagefind)")

    new = sub.add_parser("new", parents=[common], help="create an empty entry to edit by hand",
                         description="Create a correctly formed entry under ROOT/content/ and print its path.")
    new.add_argument("title", help="the entry's title")
    new.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD", help="the event's date (default: today)")

    check = sub.add_parser("check", parents=[common], help="validate content/ and report every problem",
                           description="Validate every entry and registry file under ROOT/content/. Prints path:line: message "
                                       "for each problem; exit 1 if any error. Names missing from the registry, or written by an alias, are warnings.")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--fix", action="store_true", help="first write the canonical name wherever an entry names an actor or location by an alias "
                                                          "(only that list changes; a file edited meanwhile is left alone)")

    sub.add_parser("schema", parents=[common], help="print a JSON Schema of entry front matter, with registry names",
                   description="Print a JSON Schema of entry front matter for editors; every actor and location in the "
                               "registry is offered as a completion example.")
    for field in ("actors", "locations"):
        lister = sub.add_parser(field, parents=[common], help=f"list {field} with their number of entries and kind",
                                description=f"List every {field[:-1]} named in content/, most entries first, with its kind from the registry.")
        if field == "locations":
            lister.add_argument("--explain", metavar="NAME", help="show the places NAME could be and why entries got the one they did")
    for verb, text in (("merge", "fold actor or location OLD into NEW everywhere"), ("rename", "rename actor or location OLD to NEW everywhere")):
        command = sub.add_parser(verb, parents=[common], help=text,
                                 description=f"{text[0].upper()}{text[1:]}: entries and registry; OLD becomes an alias of NEW and "
                                             "OLD's page redirects to NEW's. Shows the changes first; asks before writing, or needs --yes.")
        command.add_argument("old", metavar="OLD")
        command.add_argument("new", metavar="NEW")
        command.add_argument("--yes", action="store_true", help="apply without asking")
        which = command.add_mutually_exclusive_group()
        which.add_argument("--actors", dest="field", action="store_const", const="actors", help="OLD is an actor")
        which.add_argument("--locations", dest="field", action="store_const", const="locations", help="OLD is a location")
    return top


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
    root: Path = getattr(args, "root", Path("."))
    if not root.is_dir():
        raise TimelineError(f"--root {root}: no such folder")
    config = load_config(root, base_url=getattr(args, "base_url", None), search=getattr(args, "search", None))
    if args.command == "ingest":
        from generator.ingest import ingest
        from generator.ingest_plan import is_url

        inputs = [path if is_url(path) else Path(path) for path in args.paths]
        report = ingest(config, inputs, say=lambda line: print(line, file=sys.stderr), force=frozenset(args.force), diff=args.diff,
                        refresh=args.refresh)
        print(report.summary())
        return 1 if report.failed else 0
    if args.command == "build":
        from generator.build import build

        print(build(config).summary())
        return 0
    if args.command == "serve":
        return _serve(config, args.host, args.port, args.search)
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
        return _list(config, args.command)
    if args.command in ("merge", "rename"):
        return _merge(config, args)
    from generator.check import check

    refused = _fix(config) if args.fix else []
    count, problems = check(config)
    problems += refused
    for problem in problems:
        print(problem.format())
    errors = sum(not p.warning or args.strict for p in problems)
    print(f"checked {count} entries: {errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _fix(config: Config) -> list[Problem]:
    """Writes canonical names for aliases in entries, saying what changed; the problems of files it left alone."""
    from generator.content_lock import content_lock
    from generator.fix import apply_fix, plan_fix

    with content_lock(config.root, "check --fix"):  # from reading to writing: no ingest or merge changes content/ in between
        done, refused = apply_fix(config, plan_fix(config))
    for fix in done:
        print(f"fixed {fix.describe(config.root)}")
    return refused


def _list(config: Config, field: str) -> int:
    from generator.build import read_content

    timeline, _ = read_content(config)
    terms = sorted(timeline.terms(field), key=lambda t: (-len(t.entries), t.name.casefold()))
    for term in terms:
        kind = term.record.kind if term.record and term.record.kind else "-"
        print(f"{len(term.entries):6}  {term.name}  ({kind})")
    print(f"{len(terms)} {field}", file=sys.stderr)
    return 0


def _merge(config: Config, args: argparse.Namespace) -> int:
    from generator.content_lock import content_lock
    from generator.merge import apply, plan_merge

    with content_lock(config.root, args.command):  # from plan to apply: no ingest or other merge changes content/ in between
        plan = plan_merge(config, args.old, args.new, args.field)
        print("\n".join(plan.describe(config.root)))
        if not args.yes:
            if not sys.stdin.isatty():
                print("nothing changed: run again with --yes to apply", file=sys.stderr)
                return 1
            if input("apply these changes? [y/N] ").strip().lower() not in ("y", "yes"):
                print("nothing changed", file=sys.stderr)
                return 1
        apply(config, plan)  # refuses if a person edited a planned file meanwhile
    print(f"{args.command}d '{plan.old}' into '{plan.new}'; run timeline build to update the site")
    return 0


def _serve(config: Config, host: str, port: int, search: bool | None) -> int:
    from generator.config import CONFIG_FILE
    from generator.serve import serve
    from generator.served import Served

    say = lambda line: print(line, file=sys.stderr)  # noqa: E731
    project = Served(config.root, say, overrides={"search": search})
    try:
        serve(project, [config.content, config.templates, config.root / CONFIG_FILE], config.site, host=host, port=port, say=say)
    finally:
        project.close()
    return 0


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None
