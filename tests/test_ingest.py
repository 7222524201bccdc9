"""Ingest: articles become entries, and a person's edits are never overwritten."""

import shutil

from generator.config import load_config
from generator.frontmatter import parse
from generator.ingest import ingest
from tests.conftest import SEED


def project(tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds")
    return load_config(tmp_path)


def run(config, *paths):
    said = []
    report = ingest(config, paths, say=said.append)
    return report, said


def only_entry(config):
    [path] = (config.content / "2023").glob("*.md")
    return path


def test_the_seed_becomes_an_entry_with_front_matter_in_order(tmp_path):
    config = project(tmp_path)
    report, said = run(config)
    assert report.summary() == "ingested 1, unchanged 0, failed 0" and said == []
    path = only_entry(config)
    assert path.name.startswith("2023-07-09-centcom-announces-death")  # the day the lead's event happened, then the headline
    document = parse(path.read_text(encoding="utf-8"))
    assert list(document.meta) == ["id", "title", "date", "published", "summary", "actors", "locations", "tags", "source", "image"]
    assert document.meta["id"] == "029c2bff8747e05e"
    assert document.meta["source"] == "seeds/000_029c2bff8747e05e.txt"
    assert document.meta["image"] == {"caption": document.meta["image"]["caption"], "credit": "Rania Zanoun/EFE"}
    assert document.meta["title"] == "Centcom announces death of Islamic State leader in eastern Syria"
    names = document.meta["actors"] + document.meta["locations"]
    assert "Islamic State" in names and "Syria" in names and "Iraq" in names
    assert not {"Rania Zanoun", "EFE", "Photo", "Rania Zanoun/EFE"} & set(names)
    assert not any(n.startswith(("the ", "The ")) or n.endswith(("'s", "’s")) for n in names)
    assert "\\[do Oriente Médio\\]" in document.body  # escaped, so it renders as the same text


def test_ingesting_again_changes_nothing(tmp_path):
    config = project(tmp_path)
    run(config)
    before = only_entry(config).read_bytes()
    report, _ = run(config)
    assert report.summary() == "ingested 0, unchanged 1, failed 0"
    assert only_entry(config).read_bytes() == before


def test_an_entry_edited_by_hand_is_kept(tmp_path):
    config = project(tmp_path)
    run(config)
    path = only_entry(config)
    edited = path.read_text(encoding="utf-8").replace("- Explosions/Remote violence", "- checked")
    path.write_text(edited, encoding="utf-8")
    report, said = run(config)
    assert report.summary() == "ingested 0, unchanged 0, kept 1, failed 0"
    assert said == [f"content/2023/{path.name}: edited by hand since ingest wrote it; kept "
                    "(ingest would change: tags; see --diff, or --force 029c2bff8747e05e)"]
    assert path.read_text(encoding="utf-8") == edited


def test_an_entry_renamed_by_hand_is_not_duplicated(tmp_path):
    config = project(tmp_path)
    run(config)
    path = only_entry(config)
    path.rename(path.with_name("2023-07-10-centcom-strike.md"))
    report, _ = run(config)
    assert report.failed == [] and [p.name for p in (config.content / "2023").glob("*.md")] == ["2023-07-10-centcom-strike.md"]


def test_an_entry_deleted_by_hand_is_not_recreated(tmp_path):
    config = project(tmp_path)
    run(config)
    only_entry(config).unlink()
    report, said = run(config)
    assert list((config.content / "2023").glob("*.md")) == []
    assert said and "deleted by hand" in said[0]


def test_bad_files_are_reported_by_name_and_the_rest_ingested(tmp_path):
    config = project(tmp_path)
    (config.seeds / "broken.txt").write_text("no date line here", encoding="utf-8")
    (config.seeds / "binary.txt").write_bytes(b"\x00\xff\x00")
    report, said = run(config)
    assert report.summary() == "ingested 1, unchanged 0, failed 2"
    assert "seeds/broken.txt:1: no date line: the article must start with 'date YYYY-MM-DD'" in said
    assert any(line.startswith("seeds/binary.txt") and "binary" in line for line in said)


def test_a_kept_entry_says_which_fields_ingest_would_change_and_diff_shows_them(tmp_path):
    config = project(tmp_path)
    run(config)
    path = only_entry(config)
    path.write_text(path.read_text(encoding="utf-8").replace("- Russia\n", ""), encoding="utf-8")
    said = []
    ingest(config, say=said.append, diff=True)
    assert said[0] == (f"content/2023/{path.name}: edited by hand since ingest wrote it; kept "
                       "(ingest would change: actors; see --diff, or --force 029c2bff8747e05e)")
    assert "+- Russia" in said[1]


def test_force_regenerates_an_edited_entry_after_a_backup(tmp_path):
    config = project(tmp_path)
    run(config)
    path = only_entry(config)
    edited = path.read_text(encoding="utf-8").replace("- Explosions/Remote violence", "- mine")
    path.write_text(edited, encoding="utf-8")
    said = []
    report = ingest(config, say=said.append, force=frozenset({"029c2bff8747e05e"}))
    assert report.summary() == "ingested 1, unchanged 0, failed 0"
    assert "- Explosions/Remote violence" in path.read_text(encoding="utf-8")
    assert (config.content / ".backups/2023" / f"{path.name}.1").read_text(encoding="utf-8") == edited
    assert "your version is in content/.backups/" in said[0]


def test_force_recreates_a_deleted_entry(tmp_path):
    config = project(tmp_path)
    run(config)
    only_entry(config).unlink()
    report = ingest(config, say=lambda line: None, force=frozenset({"029c2bff8747e05e"}))
    assert report.ingested == ["029c2bff8747e05e"] and only_entry(config).is_file()
