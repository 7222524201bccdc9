"""`timeline init`: the project a new user starts from."""

import re

from generator.cli import main
from generator.config import Config, load_config
from generator.init import EXAMPLE
from tests.conftest import SEED

MADE = ["seeds/example.txt", "timeline.toml", ".gitignore", "README.md"]


def test_init_makes_a_project_that_ingest_and_build_turn_into_a_site(tmp_path, capsys):
    root = tmp_path / "my-timeline"
    assert main(["init", str(root)]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == [str(root / name) for name in MADE]  # what it made, one path a line
    assert f"next: cd {root} && timeline ingest" in out.err
    assert main(["build", "-s", str(root), "--no-search"]) == 1  # nothing ingested yet: says what to run
    assert "run 'timeline ingest' to turn the articles in seeds/ into entries" in capsys.readouterr().err
    assert main(["ingest", "-s", str(root)]) == 0
    assert main(["build", "-s", str(root), "--no-search"]) == 0
    assert "Islamic State" in (root / "site/index.html").read_text(encoding="utf-8")
    assert (root / ".gitignore").read_text().splitlines() == ["site/", ".timeline-cache/"]


def test_init_uses_the_current_folder_by_default(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == sorted(MADE)
    assert "next: timeline ingest" in capsys.readouterr().err  # no `cd` to say


def test_init_never_overwrites_and_names_what_is_in_the_way(tmp_path, capsys):
    (tmp_path / "README.md").write_text("mine\n")
    assert main(["init", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'README.md'}: already exists" in err and "nothing was written" in err
    assert (tmp_path / "README.md").read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]  # not even the files that were free


def test_the_settings_file_is_all_defaults_and_every_commented_setting_is_valid(tmp_path, capsys):
    main(["init", str(tmp_path)])
    text = (tmp_path / "timeline.toml").read_text()
    assert load_config(tmp_path) == Config(root=tmp_path)  # all commented: the defaults
    for name in ("title", "description", "base_url", "language", "search", "site_dir", "accent"):
        assert re.search(rf"^# {name} = ", text, re.M), name
    uncommented = [line[2:] for line in text.splitlines() if re.match(r"# ([a-z_]+ = |\[fields\])", line) and not line.startswith("# logo")]
    (tmp_path / "timeline.toml").write_text("\n".join(uncommented) + "\n")
    config = load_config(tmp_path)  # uncommented, each line is a valid setting
    assert config.base_url == "https://example.org/timeline/" and config.fields == (("title", "Headline"), ("text", ("StoryBody", "Text")))


def test_the_shipped_example_is_the_repository_seed():
    assert (EXAMPLE / "seeds/example.txt").read_bytes() == SEED.read_bytes()
