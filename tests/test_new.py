"""`timeline new`: an entry file with the keys a person fills in, each under a line saying what it holds."""

import datetime

from generator.config import load_config
from generator.fields import ENTRY_KEYS
from generator.frontmatter import dump, parse
from generator.new import new_entry


def test_a_new_entry_has_its_title_date_and_the_keys_to_fill_each_under_what_it_holds(tmp_path):
    path = new_entry(load_config(tmp_path), "Talks  resume", datetime.date(2024, 1, 2))
    text = path.read_text(encoding="utf-8")
    document = parse(text)
    assert document.meta == {"id": document.meta["id"], "title": "Talks resume", "date": datetime.date(2024, 1, 2), "summary": "",
                             "actors": [], "locations": [], "tags": [], "source": ""}
    assert f"# {ENTRY_KEYS['actors'].about}\nactors: []\n" in text
    assert document.body == "Write what happened here, in Markdown.\n"


def test_without_its_comments_a_new_entry_is_what_dump_writes(tmp_path):
    text = new_entry(load_config(tmp_path), "Talks: resume", datetime.date(2024, 1, 2)).read_text(encoding="utf-8")
    document = parse(text)
    assert "".join(line for line in text.splitlines(keepends=True) if not line.startswith("# ")) == dump(document.meta, document.body)
