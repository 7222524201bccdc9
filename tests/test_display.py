"""How messages name a path: from the project root when inside it, else as given, always on one printable line."""

import os
from pathlib import Path

from generator.display import shown_path


def test_a_path_in_the_project_is_shown_from_its_root():
    assert shown_path(Path("/srv/timeline/content/2023/talks.md"), Path("/srv/timeline")) == "content/2023/talks.md"
    assert shown_path("/srv/timeline/content/2023/talks.md", Path("/srv/timeline")) == "content/2023/talks.md"
    assert shown_path(Path("/srv/timeline"), Path("/srv/timeline")) == "."


def test_a_path_outside_the_project_or_with_no_root_is_shown_as_given():
    assert shown_path(Path("/srv/timeline-old/site"), Path("/srv/timeline")) == "/srv/timeline-old/site"
    assert shown_path(Path("/var/www/site")) == "/var/www/site"
    assert shown_path(Path("content/actors.yml")) == "content/actors.yml"


def test_a_name_that_is_not_utf8_or_holds_a_line_break_is_shown_printable():
    root = Path("/srv/timeline")
    assert shown_path(root / os.fsdecode(b"content/caf\xe9.md"), root) == "content/caf\\xe9.md"
    assert shown_path(root / "content/a\nb.md", root) == "content/a\\nb.md"
