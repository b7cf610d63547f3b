"""First pass: read each entry file into a raw record, with the line of every value.

python-frontmatter's splitter drops anything before the first fence and its
fence pattern can swallow blank lines, which would make reported line numbers
wrong; so the fences are found here, and the YAML is composed into nodes with
PyYAML's C SafeLoader, whose marks give the line of every key and value.
Values are built from the nodes by hand so that YAML 1.1 surprises (`no` read
as false, `012345` as octal, `1:20` as 80) are reported, never converted; a syntax error
is reported with the edit that mends it (yaml_errors.py).
Characters no text may hold (characters.py) are refused where they stand: in the body by
line, in the front matter by line and field, whether written as they are or as YAML escapes.
Nesting deeper than any entry needs is refused before it is built, so that no recursion
(PyYAML's or the builder's) can go deeper than the declaration allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import yaml_errors
from .characters import STAND_IN, UNSAFE, UNSAFE_OR_STAND_IN, refusal, restored, with_stand_ins
from .problems import Problem
from .schema import BY_FOLDER, BY_NAME, MAX_LEVELS

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: slower, same results
    _Loader = yaml.SafeLoader

MAX_BYTES = 256 * 1024
FENCE = "---"

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
_DECIMAL_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_DECIMAL_FLOAT = re.compile(r"^[-+]?[0-9]+\.[0-9]+([eE][-+]?[0-9]+)?$")


class _Refused:
    """Stands for a value already reported as refused, so that it is not reported again as missing."""

    def __repr__(self) -> str:
        return "REFUSED"


REFUSED = _Refused()


@dataclass
class Raw:
    """One file as read: its values, where they are, and what went wrong reading it."""

    path: str
    folder: str
    id: str
    data: dict | None = None
    lines: dict[tuple, int] = field(default_factory=dict)  # value path -> line
    key_lines: dict[tuple, int] = field(default_factory=dict)  # value path -> line of its key
    surprises: dict[tuple, str] = field(default_factory=dict)  # value path -> what YAML 1.1 would read
    plain: set = field(default_factory=set)  # value paths written as plain scalars
    body: str = ""
    body_line: int = 0
    text: str = ""
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int, fld: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, fld, message))


def read(path: Path, root: Path) -> Raw:
    full, base = path.as_posix(), root.as_posix().rstrip("/") + "/"
    rel = full[len(base) :] if full.startswith(base) else path.relative_to(root).as_posix()
    raw = Raw(rel, path.parent.name, path.stem)
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raw.problem(1, "file", f"is {len(data) // 1024} KiB; an entry may be at most {MAX_BYTES // 1024} KiB")
        return raw
    if not data.strip():
        raw.problem(
            1, "file", "is empty: an entry starts with front matter between two '---' lines; " + needs(raw.folder)
        )
        return raw
    if data.startswith(b"\xef\xbb\xbf"):
        raw.problem(1, "file", "starts with a byte-order mark: save it as UTF-8 without BOM")
        return raw
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raw.problem(line, "file", f"is not valid UTF-8 (byte 0x{data[e.start]:02x}): save it as UTF-8")
        return raw
    if "\r\n" in text or ("\r" in text and "\n" not in text):
        # Carriage returns as line ends: one problem for the file. A lone one among LF line
        # ends is a character like any other control character, reported where it stands.
        line = text.count("\n", 0, text.index("\r")) + 1
        raw.problem(line, "file", "has Windows (CRLF) or old Mac (CR) line endings: use LF")
        return raw
    raw.text = text
    _split(raw, text)
    return raw


def _split(raw: Raw, text: str) -> None:
    lines = text.split("\n")
    # Line number -> the first character on it that no text may hold; in one pass, and only
    # for a file that holds one.
    unsafe = (
        {n: m.group() for n, m in enumerate(map(UNSAFE.search, lines), start=1) if m} if UNSAFE.search(text) else {}
    )
    end = None
    if lines[0].rstrip() != FENCE:
        raw.problem(1, "front matter", "is missing: the first line must be '---'")
    else:
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
        if end is None:
            raw.problem(1, "front matter", "is never closed: add a '---' line after the last field")
    claimed: set[int] = set()
    if end is not None:
        raw.body = "\n".join(lines[end + 1 :])
        raw.body_line = end + 2
        source = "\n".join(lines[1:end])
        held = bool(unsafe) and UNSAFE.search(source) is not None
        claimed = _parse_yaml(raw, with_stand_ins(source) if held else source, offset=2, stand_ins=held)
    for line, ch in unsafe.items():
        if line not in claimed:
            raw.problem(line, "body" if end is not None and line > end + 1 else "front matter", refusal(ch))


def _aliases(source: str) -> list[tuple[int, str]]:
    """Where the YAML uses aliases (*name). Cheap: only parsed when a '*' is present."""
    if "*" not in source:
        return []
    try:
        return [
            (e.start_mark.line, e.anchor) for e in yaml.parse(source, Loader=_Loader) if isinstance(e, yaml.AliasEvent)
        ]
    except yaml.YAMLError:
        return []  # compose reports the syntax error


def _parse_yaml(raw: Raw, source: str, offset: int, stand_ins: bool = False) -> set[int]:
    """Build raw.data from the YAML; return the lines on which a value was refused for a character."""
    aliases = _aliases(source)
    if aliases:
        # Aliases let one value stand for another, and nested ones expand exponentially
        # ("billion laughs"); an entry has no need for them.
        for line, name in aliases:
            raw.problem(line + offset, "front matter", f"uses the YAML alias '*{name}': write the value out instead")
        return set()
    try:
        node = yaml.compose(source, Loader=_Loader)
    except RecursionError:  # PyYAML's own composer, without libyaml, recurses once per level
        _too_deep(raw, offset - 1)
        return set()
    except yaml.MarkedYAMLError as e:
        if e.problem == "exceeded maximum nesting depth":  # libyaml's own limit
            _too_deep(raw, e.problem_mark.line + offset)
            return set()
        for found in yaml_errors.explain(source, e, _Loader, offset):
            raw.problem(
                found.line + offset,
                dotted(found.path) if found.path else "front matter",
                f"is not valid YAML: {found.message}",
            )
        return set()
    except yaml.YAMLError as e:
        raw.problem(offset - 1, "front matter", f"is not valid YAML: {e}")
        return set()
    if node is None:
        raw.problem(offset - 1, "front matter", f"is empty: {needs(raw.folder)}")
        return set()
    if not isinstance(node, yaml.MappingNode):
        what = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raw.problem(
            node.start_mark.line + offset, "front matter", f"is {what}; it must be a mapping of 'field: value' lines"
        )
        return set()
    builder = _Builder(raw, offset, source, stand_ins)
    raw.data = builder.build(node, ())
    return builder.claimed


def needs(folder: str) -> str:
    """The fields an entry in this folder cannot do without, all at once: for a file that holds none."""
    etype = BY_FOLDER.get(folder)
    if etype is None:
        return f"an entry needs type (one of {', '.join(BY_NAME)}), name, summary and the fields of its type"
    names = [f"type: {etype.name}"] + [f.name for f in etype.fields if f.required and f.name != "type"]
    if etype.name != "article":
        names.append("sources")  # or sources on its facts; one list is the simplest start
    article = "an" if etype.name[0] in "aeiou" else "a"
    return f"{article} {etype.name} entry needs {', '.join(names[:-1])} and {names[-1]}"


def _too_deep(raw: Raw, line: int) -> None:
    """Nesting deeper than the YAML reader itself goes (libyaml stops at its own limit, PyYAML's
    Python composer at the interpreter's recursion limit): no depth to give, only the place."""
    raw.problem(line, "front matter", f"is nested deeper than YAML reads; entries need at most {MAX_LEVELS}")


class _TooDeep(Exception):
    """A value nested deeper than any entry needs: the whole field it is in is refused."""

    def __init__(self, levels: int):
        super().__init__(levels)
        self.levels = levels


class _Builder:
    """Builds the values from the node tree, recording the line of every value and key.

    One closure per file with every lookup bound locally: a large dossier has hundreds of
    thousands of values, and this runs for each.
    """

    def __init__(self, raw: Raw, offset: int, source: str, stand_ins: bool):
        self.raw, self.offset, self.source = raw, offset, source
        self.stand_ins = stand_ins  # the source holds stand-ins (characters.with_stand_ins)
        self.pattern = UNSAFE_OR_STAND_IN if stand_ins else UNSAFE
        self.claimed: set[int] = set()  # lines of characters reported with their value

    def unsafe(self, node, name: str, value: str) -> _Refused:
        """Refuse a value (or key) that holds a character no text may hold, on that character's line."""
        found = self.pattern.search(value)
        assert found is not None, "called for a value or key the pattern finds a character in"
        ch = found.group()
        line = node.start_mark.line
        if self.stand_ins and STAND_IN.match(ch):
            # Written as it is, not as an escape: find its line. One written as a YAML escape
            # (\U000F0001) is not in the node's text, and is reported on the node's first line.
            written = STAND_IN.search(self.source, node.start_mark.index, node.end_mark.index)
            if written is not None:
                line += self.source.count("\n", node.start_mark.index, written.start())
                self.claimed.add(line + self.offset)
        self.raw.problem(line + self.offset, name, refusal(ch))
        return REFUSED

    def build(self, root, root_path: tuple):
        raw, offset = self.raw, self.offset
        lines, key_lines, plain, surprises, problem = raw.lines, raw.key_lines, raw.plain, raw.surprises, raw.problem
        Mapping, Sequence, Scalar = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
        plain_tags, str_tag, merge_tag = _PLAIN_TAGS, _TAG + "str", _TAG + "merge"
        # Only YAML escapes (which need a backslash) or stand-ins can put such a character in a
        # value: most files need no look at each value.
        scan = self.pattern.search if self.stand_ins or "\\" in self.source else None
        unsafe, levels = self.unsafe, MAX_LEVELS

        def build(node, path: tuple):
            line = node.start_mark.line + offset
            lines[path] = line
            tag = node.tag
            if tag not in plain_tags:
                problem(line, dotted(path) or "front matter", f"uses the YAML tag '{tag}': tags are not allowed")
                return REFUSED
            if len(path) >= levels and isinstance(node, (Mapping, Sequence)):
                raise _TooDeep(len(path) + _depth(node))
            if isinstance(node, Mapping):
                out: dict = {}
                for key_node, value_node in node.value:
                    if not isinstance(key_node, Scalar) or key_node.tag == merge_tag:
                        problem(
                            key_node.start_mark.line + offset,
                            dotted(path) or "front matter",
                            "keys must be plain field names",
                        )
                        continue
                    key = key_node.value
                    if scan is not None and scan(key):
                        unsafe(key_node, dotted(path + (restored(key),)), key)
                        continue
                    here = path + (key,)
                    if key in out:
                        problem(
                            key_node.start_mark.line + offset,
                            dotted(here),
                            f"is given twice (first on line {key_lines[here]}); keep one",
                        )
                        continue
                    key_lines[here] = key_node.start_mark.line + offset
                    out[key] = build(value_node, here) if path else field_value(value_node, here)
                return out
            if isinstance(node, Sequence):
                return [build(n, path + (i,)) for i, n in enumerate(node.value)]
            value = node.value
            if scan is not None and scan(value):
                return unsafe(node, dotted(path), value)
            if node.style:  # quoted or block scalar: always text (plain is None or "", by loader)
                return value
            plain.add(path)
            if tag == str_tag:
                return value
            return _plain_scalar(value, tag[len(_TAG) :], path, surprises)

        def field_value(node, path: tuple):  # a top-level field's value, if not nested too deep
            try:
                return build(node, path)
            except _TooDeep as deep:
                problem(lines[path], path[0], f"is nested {deep.levels} levels deep; entries need at most {levels}")
                return REFUSED

        try:
            return build(root, root_path)
        finally:
            # The closures refer to themselves: break the cycle so that it is freed at once. They
            # are never called again, so None is no callable's value (`del` would puzzle pyflakes).
            build = field_value = None  # type: ignore[assignment]


def _depth(node) -> int:
    """How many lists and mappings deep the node goes, counted without recursion."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend((n, level + 1) for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((n, level + 1) for n in node.value)
        else:
            continue
        deepest = max(deepest, level)
    return deepest


def _plain_scalar(value: str, tag: str, path: tuple, surprises: dict):
    """A plain scalar that YAML 1.1 reads as something other than text: null, or a surprise noted."""
    if tag == "null":
        return None
    if tag == "bool" and value not in ("true", "false"):
        surprises[path] = f"the boolean {'true' if value.lower() in ('yes', 'y', 'on') else 'false'}"
    elif tag == "int" and not _DECIMAL_INT.match(value):
        surprises[path] = f"the number {_yaml_number(value)}"
    elif tag == "float" and not _DECIMAL_FLOAT.match(value):
        surprises[path] = f"the number {_yaml_number(value)}"
    elif tag == "timestamp":
        surprises[path] = "a date"
    return value


def _yaml_number(value: str):
    try:
        return yaml.load(value, Loader=_Loader)
    except yaml.YAMLError:
        return value


def dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
