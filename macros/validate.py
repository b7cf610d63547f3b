"""Check one raw record against its type's declaration; return its typed values.

Every problem is recorded with its line; checking goes on past a problem so
that a contributor sees every mistake at once.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import body, schema
from .kinds import ID, a_or_an, did_you_mean
from .load import REFUSED, Raw, dotted
from .schema import Field

RESERVED = {"index"}
# Answered, once every entry is read, by an article that names the entry (as its publisher).
CITES_NOTHING = "cites no article: list the articles the entry rests on in 'sources', or give its facts their sources"
_TEMPLATE = re.compile(r"\{\{|\{%|\{#|render_macros")
_HTML = re.compile(r"<(?!https?://)(?=[A-Za-z!/?])[/!?]?[A-Za-z0-9-]*")  # the tag's start, as far as its name
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FOLDERS = ", ".join(f"{t.folder}/" for t in schema.TYPES)


@dataclass(frozen=True)
class Ref:
    """A reference found in front matter, checked in the second pass once every id is known."""

    line: int
    name: str  # dotted field path
    target: str  # the id referred to
    field: Field
    reverse: str  # the relation's name on the target's page


class Validator:
    """Validates one file. `refs` collects (line, field, id, Field) for the second pass."""

    def __init__(self, raw: Raw):
        self.raw = raw
        self.refs: list[Ref] = []
        self.body_links: list[tuple[int, str, str, str]] = []  # (line, target id, its type, link as written)
        self.type: schema.EntryType | None = None
        self.guessed = False  # the type is the folder's, the file's own being missing or unknown

    def problem(self, path: tuple | str, message: str, line: int | None = None) -> None:
        name = path if isinstance(path, str) else dotted(path)
        if line is None:
            line = self.raw.lines.get(path, 1) if isinstance(path, tuple) else 1
        self.raw.problem(line, name, message)

    # --- the file as a whole ----------------------------------------------

    def run(self) -> dict | None:
        raw = self.raw
        etype = schema.BY_FOLDER.get(raw.folder)
        if etype is None:
            self.problem("file", f"is not in a type folder: entries go in one of {_FOLDERS}")
        if raw.id in RESERVED:
            self.problem("file", f"name '{raw.id}.md' is reserved for the type's index page: choose another id")
        elif not ID.match(raw.id):
            self.problem(
                "file",
                f"name '{raw.id}.md' is not a valid id: use lowercase letters, digits "
                "and single hyphens, such as denis-kvasov.md",
            )
        if raw.text:
            self._scan_text()
        if raw.data is None:
            return None
        declared = raw.data.get("type")
        values = raw.data
        if "type" not in raw.data:
            self.problem(
                "type",
                "is required: "
                + (
                    f"write 'type: {etype.name}', the type of the entries in entries/{raw.folder}/"
                    if etype
                    else f"one of {', '.join(schema.BY_NAME)}"
                ),
                line=raw.lines[()],
            )
        elif not isinstance(declared, str) or declared not in schema.BY_NAME:
            self.problem(
                ("type",),
                f"must be one of {', '.join(schema.BY_NAME)}"
                + (did_you_mean(declared, schema.BY_NAME) if isinstance(declared, str) else ""),
            )
        else:
            self.type = schema.BY_NAME[declared]
        if self.type is None:
            if etype is None:
                return None
            # Checked as the folder's type, so that the first run names every other problem too;
            # the file is still no entry until its type is given.
            self.type, self.guessed = etype, True
            fields = tuple(f for f in etype.fields if f.name != "type")
            values = {k: v for k, v in raw.data.items() if k != "type"}
        else:
            fields = self.type.fields
            if etype is not None and etype is not self.type:
                self.problem(
                    ("type",),
                    f"is '{declared}', but entries/{raw.folder}/ holds {etype.name} entries: "
                    f"move the file to entries/{self.type.folder}/ or correct the type",
                )
        typed = self._mapping(values, fields, (), f"{a_or_an(self.type.name)} entry")
        if self.type.name != "article":
            self._cites_something(raw.data)
        self._scan_body()
        return typed

    def _scan_text(self) -> None:
        if not _TEMPLATE.search(self.raw.text):
            return  # the common case, in one pass; lines are only split to say where
        for n, line in enumerate(self.raw.text.split("\n"), start=1):
            m = _TEMPLATE.search(line)
            if m:
                where = "body" if self.raw.body_line and n >= self.raw.body_line else "front matter"
                if m.group() == "render_macros":
                    msg = "must not use 'render_macros': entry pages are never run as templates"
                else:
                    msg = f"contains '{m.group()}', template syntax that entries may not use"
                self.problem(where, msg, line=n)

    def _scan_body(self) -> None:
        raw = self.raw
        for limit in body.limits(raw.body):  # what would make the body slow or deep to convert
            self.problem("body", limit.message, line=raw.body_line + limit.line - 1)
        for n, line in enumerate(raw.body.split("\n"), start=raw.body_line):
            if "<" not in line and "]" not in line:
                continue  # neither HTML nor a link: most prose lines
            m = _HTML.search(line)
            if m:
                self.problem("body", f"contains raw HTML ('{m.group()}'): entries are plain Markdown", line=n)
            targets = [t for t in _INLINE_LINK.findall(line)]
            ref = _REF_DEF.match(line)
            if ref:
                targets.append(ref.group(1))
            for target in targets:
                self._body_link(target, n)

    def _body_link(self, target: str, line: int) -> None:
        if re.match(r"^https?://[^/\s]+", target):
            return
        if _SCHEME.match(target):
            self.problem("body", f"links to '{target}': links go to http(s) addresses or to other entries", line=line)
            return
        path, _, _fragment = target.partition("#")
        if not path:  # a link within the same page
            return
        if path.startswith("/"):
            self.problem(
                "body",
                f"links to '{target}': use a relative link such as ../people/denis-kvasov.md, not an absolute path",
                line=line,
            )
            return
        resolved = posixpath.normpath(posixpath.join(self.raw.folder, path))
        folder, _, name = resolved.partition("/")
        if folder not in schema.BY_FOLDER or "/" in name or not name.endswith(".md") or not ID.match(name[:-3]):
            self.problem(
                "body",
                f"links to '{target}', which is not an entry: link to another entry as ../people/denis-kvasov.md",
                line=line,
            )
            return
        self.body_links.append((line, name[:-3], schema.BY_FOLDER[folder].name, target))

    # --- values ----------------------------------------------------------

    def _mapping(self, value: dict, fields: tuple[Field, ...], path: tuple, owner: str) -> dict:
        known = {f.name: f for f in fields}
        out = {}
        for key, item in value.items():
            f = known.get(key)
            if f is None and key == "render_macros":
                continue  # already reported by the scan for template syntax
            if f is None and key == "id" and not path:
                self.problem(
                    ("id",), "is not a field: an entry's id is its file name", line=self.raw.key_lines.get(("id",))
                )
                continue
            if f is None:
                self.problem(
                    path + (key,),
                    f"is not a field of {owner}{did_you_mean(key, known)}",
                    line=self.raw.key_lines.get(path + (key,)),
                )
                continue
            checked = self.value(f, item, path + (key,))
            if checked is not None:
                out[key] = checked
        for f in fields:
            if f.required and f.name not in value:
                self.problem(path + (f.name,), f"is required: {f.help}", line=self.raw.lines.get(path, 1))
        return out

    # What a kind asks while it checks a value (kinds.Checker).

    def value(self, f: Field, value, path: tuple):
        """The typed value, or None once its problems are reported."""
        if value is REFUSED:
            return None
        if value is None or value == [] or value == {}:
            self.empty(f, path)
            return None
        return f.kind.check(f, value, self, path)

    def fields(self, f: Field, value: dict, path: tuple) -> dict:
        return self._mapping(value, f.fields, path, f"'{dotted(path[:-1]) or f.name}' items")

    def empty(self, f: Field, path: tuple) -> None:
        if f.required or (f.is_list and f.min_items):
            self.problem(path, f"is required but empty: {f.help}")
        else:
            self.problem(path, "is empty: give a value or remove the line")

    def surprise(self, path: tuple) -> str | None:
        return self.raw.surprises.get(path)

    def plain(self, path: tuple) -> bool:
        return path in self.raw.plain

    def refer(self, f: Field, target: str, path: tuple) -> None:
        self.refs.append(Ref(self.raw.lines.get(path, 1), dotted(path), target, f, self._reverse(f, path)))

    def _reverse(self, f: Field, path: tuple) -> str:
        """The reverse relation's name; for `reverse_by`, named by the sibling choice's value."""
        if not f.reverse_by:
            return f.reverse
        parent: Any = self.raw.data  # the front matter, read down the path to the field's mapping
        for part in path[:-1]:
            parent = parent[part]
        choice_field = next(s for s in self._fields_at(path) if s.name == f.reverse_by)
        chosen = choice_field.choice(parent.get(f.reverse_by)) if isinstance(parent.get(f.reverse_by), str) else None
        return chosen.reverse if chosen else ""

    def _fields_at(self, path: tuple) -> tuple[Field, ...]:
        assert self.type is not None, "values are checked only once the type is known"
        fields = self.type.fields
        for part in path[:-1]:
            if isinstance(part, int):
                continue
            f = next(x for x in fields if x.name == part)
            fields = (f.item or f).fields
        return fields

    def _cites_something(self, data: Mapping[str, Any]) -> None:
        """An entry rests on at least one article: in its own 'sources' or in a fact's."""
        if "sources" in data or any(ref.field.name == "source" for ref in self.refs):
            return  # cited, or its 'sources' already reported as malformed
        line = self.raw.key_lines.get(("sources",)) or self.raw.lines[()]
        self.problem("sources", CITES_NOTHING, line=line)
