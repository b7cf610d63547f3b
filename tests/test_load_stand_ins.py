"""A file that holds a character no text may hold is read with stand-ins in its front matter;
a stand-in's code point may also be written as a YAML escape elsewhere in the same file. The
check must still report every such character on a line of its field, and never fail itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from macros import load
from macros.characters import _RANGES, _SHIFT

UNSAFE = st.sampled_from([chr(c) for a, b in _RANGES if a != 0xD800 for c in range(a, b + 1)])


@settings(max_examples=60, deadline=None)
@given(raw=UNSAFE, escaped=UNSAFE, escaped_first=st.booleans())
def test_a_stand_in_written_as_an_escape_is_reported_on_its_field(tmp_path_factory, raw, escaped, escaped_first):
    escape = f'"A\\U{ord(escaped) + _SHIFT:08X}"'
    fields = [f"name: {escape}", f"summary: x{raw}y"]
    if escaped_first:
        fields.reverse()
    path = tmp_path_factory.mktemp("entries") / "person" / "x.md"
    path.parent.mkdir()
    path.write_text("---\ntype: person\n" + "\n".join(fields) + "\n---\nbody\n", encoding="utf-8")
    problems = load.read(path, path.parent.parent).problems
    lines = {f.split(":")[0]: n for n, f in enumerate(fields, start=3)}
    assert {(p.field, p.line) for p in problems} >= {("name", lines["name"]), ("summary", lines["summary"])}
