"""Facts of equal dates are shown in their file's order: swapping two makes their year's page
and the chronology's table of that year again."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.corpus import collect
from macros.stale import YEAR_VIEW, stale_pages

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
POINT = '  - says: {says}\n    when: "2007-06"\n    sources: [second-report]\n'


def _index(root: Path, first: str, second: str):
    shop = root / "entries" / "organisations" / "shop.md"
    head, rest = shop.read_text(encoding="utf-8").split("points:\n", 1)
    body = rest.split("---\n", 1)[1]
    points = POINT.format(says=first) + POINT.format(says=second)
    shop.write_text(head + "points:\n" + points + "---\n" + body, encoding="utf-8")
    found = collect(root / "entries", root)
    assert found.problems == ()
    return found.index


def test_swapping_two_facts_of_the_same_date_makes_their_year_again(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    old = _index(root, "It opened a shop.", "It closed.")
    new = _index(root, "It closed.", "It opened a shop.")
    stale = stale_pages(old, new)
    assert not stale.keeps(YEAR_VIEW + "2007")
    assert stale.years is None or 2007 in stale.years
    same = stale_pages(old, old)
    assert same.keeps(YEAR_VIEW + "2007")
