"""First pass: read each entry file into a raw record, with the line of every value.

python-frontmatter's splitter drops anything before the first fence and its
fence pattern can swallow blank lines, which would make reported line numbers
wrong; so the fences are found here, and the YAML is composed into nodes with
PyYAML's C SafeLoader, whose marks give the line of every key and value.
Values are built from the nodes by hand so that YAML 1.1 surprises (`no` read
as false, `012345` as octal, `1:20` as 80) are reported, never converted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

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
    lines: dict[tuple, int] = field(default_factory=dict)      # value path -> line
    key_lines: dict[tuple, int] = field(default_factory=dict)  # value path -> line of its key
    surprises: dict[tuple, str] = field(default_factory=dict)  # value path -> what YAML 1.1 would read
    plain: set = field(default_factory=set)                     # value paths written as plain scalars
    body: str = ""
    body_line: int = 0
    text: str = ""
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int, fld: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, fld, message))


def read(path: Path, root: Path) -> Raw:
    full, base = path.as_posix(), root.as_posix().rstrip("/") + "/"
    rel = full[len(base):] if full.startswith(base) else path.relative_to(root).as_posix()
    raw = Raw(rel, path.parent.name, path.stem)
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raw.problem(1, "file", f"is {len(data) // 1024} KiB; an entry may be at most {MAX_BYTES // 1024} KiB")
        return raw
    if not data.strip():
        raw.problem(1, "file", "is empty: an entry starts with front matter between two '---' lines")
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
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        raw.problem(line, "file", "has Windows (CRLF) or old Mac (CR) line endings: use LF")
        return raw
    raw.text = text
    _split(raw, text)
    return raw


def _split(raw: Raw, text: str) -> None:
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raw.problem(1, "front matter", "is missing: the first line must be '---'")
        return
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if end is None:
        raw.problem(1, "front matter", "is never closed: add a '---' line after the last field")
        return
    raw.body = "\n".join(lines[end + 1:])
    raw.body_line = end + 2
    _parse_yaml(raw, "\n".join(lines[1:end]), offset=2)


def _aliases(source: str) -> list[tuple[int, str]]:
    """Where the YAML uses aliases (*name). Cheap: only parsed when a '*' is present."""
    if "*" not in source:
        return []
    try:
        return [(e.start_mark.line, e.anchor) for e in yaml.parse(source, Loader=_Loader)
                if isinstance(e, yaml.AliasEvent)]
    except yaml.YAMLError:
        return []  # compose reports the syntax error


def _parse_yaml(raw: Raw, source: str, offset: int) -> None:
    aliases = _aliases(source)
    if aliases:
        # Aliases let one value stand for another, and nested ones expand exponentially
        # ("billion laughs"); an entry has no need for them.
        for line, name in aliases:
            raw.problem(line + offset, "front matter", f"uses the YAML alias '*{name}': write the value out instead")
        return
    try:
        node = yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = (mark.line if mark else 0) + offset
        what = e.problem or e.context or "cannot be read"
        if e.context and e.context_mark and e.problem:
            what += f" ({e.context} that starts on line {e.context_mark.line + offset})"
        raw.problem(line, "front matter", f"is not valid YAML: {what}")
        return
    except yaml.YAMLError as e:
        raw.problem(offset - 1, "front matter", f"is not valid YAML: {e}")
        return
    if node is None:
        raw.problem(offset - 1, "front matter", "is empty: it must hold 'type', 'name' and the other fields")
        return
    if not isinstance(node, yaml.MappingNode):
        what = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raw.problem(node.start_mark.line + offset, "front matter",
                    f"is {what}; it must be a mapping of 'field: value' lines")
        return
    raw.data = _Builder(raw, offset).build(node, ())


class _Builder:
    """Builds the values from the node tree, recording the line of every value and key.

    One closure per file with every lookup bound locally: a large dossier has hundreds of
    thousands of values, and this runs for each.
    """

    def __init__(self, raw: Raw, offset: int):
        self.raw, self.offset = raw, offset

    def build(self, root, root_path: tuple):
        raw, offset = self.raw, self.offset
        lines, key_lines, plain, surprises, problem = raw.lines, raw.key_lines, raw.plain, raw.surprises, raw.problem
        Mapping, Sequence, Scalar = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
        plain_tags, str_tag, merge_tag = _PLAIN_TAGS, _TAG + "str", _TAG + "merge"

        def build(node, path: tuple):
            line = node.start_mark.line + offset
            lines[path] = line
            tag = node.tag
            if tag not in plain_tags:
                problem(line, dotted(path) or "front matter", f"uses the YAML tag '{tag}': tags are not allowed")
                return REFUSED
            if isinstance(node, Mapping):
                out: dict = {}
                for key_node, value_node in node.value:
                    if not isinstance(key_node, Scalar) or key_node.tag == merge_tag:
                        problem(key_node.start_mark.line + offset, dotted(path) or "front matter",
                                "keys must be plain field names")
                        continue
                    key = key_node.value
                    here = path + (key,)
                    if key in out:
                        problem(key_node.start_mark.line + offset, dotted(here),
                                f"is given twice (first on line {key_lines[here]}); keep one")
                        continue
                    key_lines[here] = key_node.start_mark.line + offset
                    out[key] = build(value_node, here)
                return out
            if isinstance(node, Sequence):
                return [build(n, path + (i,)) for i, n in enumerate(node.value)]
            value = node.value
            if node.style:  # quoted or block scalar: always text (plain is None or "", by loader)
                return value
            plain.add(path)
            if tag == str_tag:
                return value
            return _plain_scalar(value, tag[len(_TAG):], path, surprises)

        try:
            return build(root, root_path)
        finally:
            build = None  # the closure refers to itself: break the cycle so that it is freed at once


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

