"""The `timeline` command as a user types it: exit codes and messages."""

import subprocess
import sys

import pytest

from generator.cli import main
from tests.conftest import ENTRY, write_entry


def timeline(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd)


def test_every_command_explains_itself():
    for command in ["ingest", "build", "serve", "new", "check"]:
        result = timeline(command, "--help")
        assert result.returncode == 0 and "--root" in result.stdout, command


def test_wrong_usage_exits_2(tmp_path):
    assert timeline("frobnicate").returncode == 2
    assert timeline("new", "--root", str(tmp_path), "T", "--date", "10/07/2023").returncode == 2


@pytest.mark.parametrize("before", [True, False])
def test_root_may_come_before_or_after_the_command(tmp_path, capsys, before):
    args = ["--root", str(tmp_path / "nowhere")]
    assert main([*args, "build"] if before else ["build", *args]) == 1
    assert "nowhere: no such folder" in capsys.readouterr().err


def test_a_missing_root_is_an_error(tmp_path, capsys):
    assert main(["build", "--root", str(tmp_path / "nowhere")]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_check_reports_file_and_line_and_exits_1(tmp_path, capsys):
    write_entry(tmp_path, "2024/good.md", ENTRY)
    write_entry(tmp_path, "2024/bad.md", "---\ntitle: Bad\ndate: 2024-13-01\n---\n")
    assert main(["check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "content/2024/bad.md:3: 'date' 2024-13-01 is not a real calendar date\n" in out.out
    assert "content/2024/good.md:5: warning: actor 'Iran' is not in content/actors.yml" in out.out  # new names are normal
    assert "checked 2 entries: 1 error, 3 warnings" in out.err


def test_check_suggests_the_registry_name_a_typo_was_meant_to_be(tmp_path, capsys):
    write_entry(tmp_path, "2024/a.md", "---\ntitle: A\ndate: 2024-01-01\nactors: [Islamic Stat]\n---\n")
    (tmp_path / "content/actors.yml").write_text("Islamic State:\n  kind: armed group\n  aliases: [IS]\n")
    assert main(["check", "--root", str(tmp_path)]) == 0  # warnings alone pass
    assert capsys.readouterr().out == "content/2024/a.md:4: warning: actor 'Islamic Stat' is not in content/actors.yml (did you mean 'Islamic State'?)\n"
    assert main(["check", "--root", str(tmp_path), "--strict"]) == 1


def test_check_passes_good_content(tmp_path, capsys):
    write_entry(tmp_path, "2024/good.md", ENTRY)
    assert main(["check", "--root", str(tmp_path)]) == 0


def test_new_creates_an_entry_that_passes_check_and_builds(tmp_path, capsys):
    assert main(["new", "--root", str(tmp_path), "Ceasefire: talks resume", "--date", "2024-05-06"]) == 0
    path = capsys.readouterr().out.strip()
    assert path.endswith("content/2024/2024-05-06-ceasefire-talks-resume.md")
    assert main(["check", "--root", str(tmp_path)]) == 0
    assert main(["build", "--root", str(tmp_path), "--no-search"]) == 0
    assert "Ceasefire: talks resume" in (tmp_path / "site/index.html").read_text()
    assert main(["new", "--root", str(tmp_path), "Ceasefire: talks resume", "--date", "2024-05-06"]) == 1  # never overwrites


def test_ingest_and_build_print_summaries(demo, capsys):
    assert main(["ingest", "--root", str(demo.root)]) == 0
    out = capsys.readouterr()
    assert out.err.strip() == "ingested 0, unchanged 1, failed 0" and out.out == ""  # summaries go to stderr
    assert main(["build", "--root", str(demo.root)]) == 0
    out = capsys.readouterr()
    assert out.err.startswith("built ") and out.out == ""


def test_ingest_with_a_bad_file_exits_1_and_names_it(tmp_path, capsys):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/empty.txt").write_text("")
    assert main(["ingest", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "seeds/empty.txt:1: no date line" in out.err and "failed 1" in out.err


def test_root_given_before_or_after_the_command_builds_the_site(tmp_path, capsys):
    write_entry(tmp_path, "2024/good.md", ENTRY)
    assert main(["--root", str(tmp_path), "build", "--no-search"]) == 0
    assert main(["build", "--root", str(tmp_path), "--no-search"]) == 0
    assert (tmp_path / "site/index.html").is_file()


def test_check_finds_an_alias_claimed_by_two_records(tmp_path, capsys):
    write_entry(tmp_path, "2024/good.md", ENTRY)
    (tmp_path / "content/actors.yml").write_text(
        "Islamic State:\n  kind: armed group\n  aliases: [IS, ISIS]\nIslamic Society:\n  kind: organisation\n  aliases:\n  - IS\n")
    assert main(["check", "--root", str(tmp_path)]) == 1
    assert ("content/actors.yml:7: 'IS' is claimed by both 'Islamic State' and 'Islamic Society' "
            "(keep it on one record, or merge them with timeline merge)") in capsys.readouterr().out


def test_check_reports_duplicate_ids_and_clashing_urls(tmp_path, capsys):
    write_entry(tmp_path, "2023/talks.md", "---\nid: x1\ntitle: A\ndate: 2023-01-01\n---\n")
    write_entry(tmp_path, "2024/talks.md", "---\nid: x1\ntitle: B\ndate: 2024-01-01\n---\n")
    assert main(["check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "content/2024/talks.md:2: id 'x1' is already used by content/2023/talks.md (give one of them another id)" in out
    assert "content/2024/talks.md: would be published at the same URL as content/2023/talks.md (entries/talks/)" in out


def test_check_reports_a_broken_registry_file_with_its_line(tmp_path, capsys):
    write_entry(tmp_path, "2024/good.md", ENTRY)
    (tmp_path / "content/locations.yml").write_text("Syria:\n  aliases: [Syrian Arab Republic\n")
    assert main(["check", "--root", str(tmp_path)]) == 1
    assert "content/locations.yml:3: YAML syntax error" in capsys.readouterr().out


def test_check_and_build_report_a_registry_file_that_is_not_utf8(tmp_path, capsys):
    write_entry(tmp_path, "2024/good.md", ENTRY)
    (tmp_path / "content/actors.yml").write_bytes(b"Hamas:\n  kind: caf\xe9\n")
    assert main(["check", "--root", str(tmp_path)]) == 1
    assert "content/actors.yml: not UTF-8 text (invalid continuation byte at byte 18) (save the file as UTF-8)" in capsys.readouterr().out
    assert main(["build", "--root", str(tmp_path), "--no-search"]) == 1
    assert "content/actors.yml: not UTF-8 text" in capsys.readouterr().err


def test_schema_offers_registry_names_and_accepts_a_new_entry(tmp_path, capsys):
    import json

    import jsonschema
    import yaml

    (tmp_path / "content").mkdir()
    (tmp_path / "content/actors.yml").write_text("Islamic State:\n  kind: armed group\n  aliases: [IS]\n")
    assert main(["schema", "--root", str(tmp_path)]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["actors"]["items"]["examples"] == ["IS", "Islamic State"]
    main(["new", "--root", str(tmp_path), "Talks", "--date", "2024-01-02"])
    path = capsys.readouterr().out.strip()
    meta = yaml.safe_load(open(path).read().split("---")[1])
    meta["date"] = meta["date"].isoformat()
    jsonschema.validate(meta, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**meta, "actors": "Islamic State"}, schema)


def test_short_flags_follow_hugo_and_mkdocs(tmp_path):
    from generator.cli import parser

    args = parser().parse_args(["serve", "-p", "9000", "-s", str(tmp_path), "-d", "public"])
    assert (args.port, args.root, args.site_dir) == (9000, tmp_path, "public")
    args = parser().parse_args(["-q", "build", "-s", str(tmp_path)])  # before the command or after it
    assert args.quiet and args.root == tmp_path
    assert parser().parse_args(["actors", "-v"]).verbose
    assert timeline("build", "-q", "-v").returncode == 2  # quiet or verbose, not both


def test_site_dir_writes_the_site_elsewhere(tmp_path, monkeypatch, capsys):
    write_entry(tmp_path, "2024/good.md", ENTRY)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-d", "public", "--no-search"]) == 0  # relative to the current folder, like MkDocs
    assert (tmp_path / "public/index.html").is_file() and not (tmp_path / "site").exists()
    (tmp_path / "timeline.toml").write_text('site_dir = "out/www"\n')
    assert main(["build", "--no-search", "-v"]) == 0
    assert (tmp_path / "out/www/index.html").is_file()
    assert "site folder: out/www" in capsys.readouterr().err  # -v: where it went
    (tmp_path / "timeline.toml").write_text('site_dir = "."\n')
    assert main(["build", "--no-search"]) == 1  # publishing replaces the folder: never the project itself
    assert "the site must go in a folder of its own" in capsys.readouterr().err


def test_config_reads_another_settings_file(tmp_path, capsys):
    write_entry(tmp_path, "2024/good.md", ENTRY)
    (tmp_path / "staging.toml").write_text('title = "Staging copy"\nsite_dir = "staging"\n')
    assert main(["build", "-s", str(tmp_path), "--config", str(tmp_path / "staging.toml"), "--no-search"]) == 0
    assert "Staging copy" in (tmp_path / "staging/index.html").read_text(encoding="utf-8")
    assert main(["build", "-s", str(tmp_path), "--config", str(tmp_path / "nope.toml")]) == 1
    assert "nope.toml: no such file" in capsys.readouterr().err


def test_build_with_no_entries_says_how_to_start(tmp_path, capsys):
    assert main(["build", "-s", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "nothing to build yet: there is no content/ folder" in err
    assert all(command in err for command in ("timeline init", "timeline ingest", 'timeline new "Title"'))
    (tmp_path / "content").mkdir()
    assert main(["build", "-s", str(tmp_path)]) == 1
    assert "content/ has no entries" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_listings_go_to_stdout_and_counts_to_stderr(tmp_path):
    write_entry(tmp_path, "2024/good.md", ENTRY)
    listed = timeline("actors", "-s", str(tmp_path))
    assert [line.split()[1:] for line in listed.stdout.splitlines()] == [["Iran", "(-)"], ["United", "Nations", "(-)"]]
    assert listed.stderr == "2 actors\n"  # `timeline actors | head` shows only the list
    located = timeline("locations", "-s", str(tmp_path))
    assert located.stdout.split() == ["1", "Geneva", "(-)"] and located.stderr == "1 location\n"
    assert timeline("-q", "actors", "-s", str(tmp_path)).stderr == ""


def test_quiet_keeps_only_errors(tmp_path):
    write_entry(tmp_path, "2024/good.md", ENTRY)
    built = timeline("build", "-q", "-s", str(tmp_path), "--no-search")
    assert (built.returncode, built.stdout, built.stderr) == (0, "", "")
    write_entry(tmp_path, "2024/bad.md", "---\ntitle: Bad\ndate: 2024-13-01\n---\n")
    failed = timeline("build", "-q", "-s", str(tmp_path), "--no-search")
    assert failed.returncode == 1 and "content/2024/bad.md:3:" in failed.stderr


def test_an_unquoted_colon_in_front_matter_gets_file_line_and_a_quoted_example(tmp_path, capsys):
    write_entry(tmp_path, "2024/talks.md", "---\ndate: 2024-03-01\ntitle: Ceasefire: talks collapse\n---\n")
    assert main(["check", "-s", str(tmp_path)]) == 1
    assert capsys.readouterr().out == ("content/2024/talks.md:3: YAML syntax error: a value holding ': ' must be quoted, "
                                       'e.g. title: "Ceasefire: talks collapse"\n')
    assert main(["build", "-s", str(tmp_path)]) == 1
    assert 'content/2024/talks.md:3: YAML syntax error: a value holding \': \' must be quoted, e.g. title: "Ceasefire' in capsys.readouterr().err


def test_an_unclosed_list_points_at_the_line_it_opens_on(tmp_path, capsys):
    write_entry(tmp_path, "2024/talks.md", "---\ntitle: Talks\nactors: [Iran, Hamas\ndate: 2024-03-01\n---\n")
    assert main(["check", "-s", str(tmp_path)]) == 1
    assert capsys.readouterr().out.startswith("content/2024/talks.md:3: YAML syntax error: ")


def test_counts_are_written_in_the_number_they_need(tmp_path, capsys):
    from generator.report import counted

    assert [counted(n, "entry") for n in (0, 1, 2)] == ["0 entries", "1 entry", "2 entries"]
    assert counted(1, "actor") == "1 actor" and counted(3, "location") == "3 locations"
    write_entry(tmp_path, "2024/good.md", ENTRY)
    assert main(["build", "-s", str(tmp_path), "--no-search"]) == 0
    assert " from 1 entry (2 actors, 1 location) in " in capsys.readouterr().err
    (tmp_path / "content/actors.yml").write_text("United Nations:\n  kind: organisation\nIran:\n  kind: state\n")
    (tmp_path / "content/locations.yml").write_text("Geneva:\n  kind: city\n  country: Switzerland\nSwitzerland:\n  kind: country\n")
    main(["check", "-s", str(tmp_path)])
    assert capsys.readouterr().err == "checked 1 entry: 0 errors, 0 warnings\n"


def test_rename_and_merge_say_what_they_did_in_plain_words(tmp_path, capsys):
    write_entry(tmp_path, "2024/a.md", "---\ntitle: A\ndate: 2024-01-02\nactors: [Hadi, ISIS]\n---\n")
    write_entry(tmp_path, "2024/b.md", "---\ntitle: B\ndate: 2024-01-03\nactors: [Islamic State]\n---\n")
    assert main(["rename", "-s", str(tmp_path), "Hadi", "Abd Rabbuh Mansur Hadi", "--yes"]) == 0
    assert capsys.readouterr().err == "renamed 'Hadi' to 'Abd Rabbuh Mansur Hadi' (1 entry rewritten); run timeline build to update the site\n"
    assert main(["merge", "-s", str(tmp_path), "ISIS", "Islamic State", "--yes"]) == 0
    assert capsys.readouterr().err.startswith("merged 'ISIS' into 'Islamic State' (1 entry rewritten)")


def test_help_says_how_merge_and_rename_differ():
    merge, rename = timeline("merge", "--help").stdout, timeline("rename", "--help").stdout
    assert "already named: their registry records are combined" in " ".join(merge.split())
    assert "its registry record takes the new name" in " ".join(rename.split())
    assert "use merge when NEW is already an actor or location, rename when it is a new name" in " ".join(merge.split())
