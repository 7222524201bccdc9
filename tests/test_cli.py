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
    assert "checked 2 entries: 1 error(s)" in out.err


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
    assert capsys.readouterr().out.strip() == "ingested 0, unchanged 1, failed 0"
    assert main(["build", "--root", str(demo.root)]) == 0
    assert capsys.readouterr().out.startswith("built ")


def test_ingest_with_a_bad_file_exits_1_and_names_it(tmp_path, capsys):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/empty.txt").write_text("")
    assert main(["ingest", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "seeds/empty.txt:1: no date line" in out.err and "failed 1" in out.out


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
