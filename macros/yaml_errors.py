"""What a YAML syntax error in front matter means, and the fix to make.

libyaml says where it gave up ("mapping values are not allowed in this context"), which
is seldom what a contributor did wrong nor always where. Each explanation here names the
fix; a fix that rewrites a line is tried first and named only if the front matter then
reads past that line, so the advice is never a guess that would fail the same way. Once
a line is fixed that way, the next error is explained too: one run reports as many as it
can, up to a few.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

MAX_ERRORS = 10

# A line as `lead key: value`: the lead is the indentation and any '- ' of list items.
_LINE = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)*)(?:(?P<key>[A-Za-z0-9_][^:#]*?)[ ]*:(?:[ ]+|$))?(?P<value>.*?)[ ]*$")
_CLOSER = {"[": "]", "{": "}"}


def _parts(line: str) -> re.Match[str]:
    """A line's lead, key and value."""
    m = _LINE.match(line)
    assert m is not None, "every part of _LINE may be empty: it matches any line without a line feed"
    return m


@dataclass(frozen=True)
class Explained:
    line: int  # 0-based line in the front matter's text
    path: tuple | None  # the field the line holds, where the parser got that far
    message: str  # what follows "is not valid YAML: "


def explain(source: str, error: yaml.MarkedYAMLError, loader, offset: int) -> list[Explained]:
    """Every error that can be explained, in order: the first, and each one after a fix."""
    lines = source.split("\n")
    found = []
    for _ in range(MAX_ERRORS):
        explained, repaired = _Error(lines, error, loader, offset).explain()
        found.append(explained)
        if repaired is None:
            break
        lines, error = repaired, _first_error(repaired, loader)
        if error is None or error.problem_mark is None:
            break
    return found


def _first_error(lines: list[str], loader) -> yaml.MarkedYAMLError | None:
    try:
        for _ in yaml.parse("\n".join(lines), Loader=loader):
            pass
    except yaml.MarkedYAMLError as e:
        return e
    except yaml.YAMLError:
        return None
    return None


class _Error:
    def __init__(self, lines: list[str], error: yaml.MarkedYAMLError, loader, offset: int):
        self.lines, self.error, self.loader, self.offset = lines, error, loader, offset
        self.problem, self.context = error.problem or "", error.context or ""
        mark = error.problem_mark or error.context_mark
        self.at = mark.line if mark else 0
        self.column = mark.column if mark else 0
        self.line = lines[self.at] if self.at < len(lines) else ""  # past the last line: the end
        self.char = self.line[self.column] if self.column < len(self.line) else ""
        self.paths = _paths(lines, loader)

    def explain(self) -> tuple[Explained, list[str] | None]:
        for reading in (
            self._tab,
            self._unclosed_quote,
            self._flow,
            self._value,
            self._item_after_value,
            self._no_colon,
            self._indentation,
        ):
            found = reading()
            if found:
                return found
        what = self.problem or self.context or "cannot be read"
        ctx = self.error.context_mark
        if self.context and ctx and self.problem:
            what += f" ({self.context} that starts on line {ctx.line + self.offset})"
        return Explained(min(self.at, len(self.lines) - 1), None, what), None

    # --- helpers -------------------------------------------------------------

    def _number(self, n: int) -> int:
        return n + self.offset

    def _passes(self, at: int, new_line: str) -> list[str] | None:
        """The lines with line `at` replaced, if the YAML then reads past that line."""
        lines = self.lines[:at] + [new_line] + self.lines[at + 1 :]
        error = _first_error(lines, self.loader)
        if error is None or (error.problem_mark is not None and error.problem_mark.line > at):
            return lines
        return None

    def _found(self, at: int, message: str, path: tuple | None = None, repaired: list[str] | None = None):
        return Explained(at, path, message), repaired

    # --- readings, most specific first --------------------------------------------

    def _tab(self):
        if "tab" not in self.problem and self.char != "\t" and "'\\t'" not in self.problem:
            return None
        at, line = self.at, self.line
        n = self._number(at)
        if not line.strip():
            return self._found(
                at, f"line {n} holds a tab and nothing else: remove the tab", repaired=self._passes(at, "")
            )
        if "\t" not in line[: len(line) - len(line.lstrip(" \t"))]:
            return self._found(at, f"line {n} has a tab where YAML takes only spaces: use spaces")
        above = next((lead(x) for x in reversed(self.lines[:at]) if x.strip()), 0)
        for width in (above, above + 2, 0):
            repaired = self._passes(at, " " * width + line.lstrip(" \t"))
            if repaired:
                break
        return self._found(at, f"line {n} is indented with a tab: indent with spaces", repaired=repaired)

    def _unclosed_quote(self):
        ctx = self.error.context_mark
        if "quoted scalar" not in self.context or "end of stream" not in self.problem or ctx is None:
            return None
        quote = self.lines[ctx.line][ctx.column]
        return self._found(
            ctx.line,
            f"the {quote} that starts the value is never closed: end the value with {quote}",
            self.paths.get(ctx.line),
            self._passes(ctx.line, self.lines[ctx.line] + quote),
        )

    def _flow(self):
        ctx = self.error.context_mark
        closer = "]" if "',' or ']'" in self.problem else "}" if "',' or '}'" in self.problem else None
        if closer is None or ctx is None:
            return None
        what = "list" if closer == "]" else "mapping"
        opener = "[" if closer == "]" else "{"
        rest = self.line[self.column :].strip()
        if self.at == ctx.line and rest and not rest.startswith("#"):
            fixed = self.line[: self.column].rstrip() + ", " + self.line[self.column :]
            return self._found(
                self.at,
                f"two items of the {what} are not separated by ',': add a ',' between them",
                self.paths.get(self.at),
                self._passes(self.at, fixed),
            )
        start = self.lines[ctx.line]
        return self._found(
            ctx.line,
            f"the '{opener}' that starts the value opens a {what} that is never closed: "
            f"end it with '{closer}', or, if the value is text, put it in double quotes",
            self.paths.get(ctx.line),
            self._passes(ctx.line, start.rstrip() + closer),
        )

    def _value(self):
        """A value that YAML reads as more than text: the fix is to quote it, when that works."""
        m = _parts(self.line)
        value, start = m["value"], m.start("value")
        if not value or self.column < start:
            return self._misindented(m) if "mapping values" in self.problem else None
        first = value[0]
        text = value
        if "mapping values" in self.problem:
            why = "the ': ' in the value reads as the start of another field"
        elif "cannot start any token" in self.problem and self.column == start:
            why = f"a value cannot start with '{first}'"
        elif "block sequence entries" in self.problem and first == "-":
            why = "a value on the same line as its field cannot start with '- '"
        elif first in "\"'" and self.column > start:
            why = f"the value starts with {first}, so it ends at the next {first} and the rest is left over"
            text = value[1:-1] if len(value) > 1 and value.endswith(first) else value[1:]
        elif first in _CLOSER and self.column > start:
            why = (
                f"a value that starts with '{first}' is a {'list' if first == '[' else 'mapping'}, "
                f"and this one goes on after its '{_CLOSER[first]}'"
            )
        else:
            return None
        quoted, how = _quoted(text)
        repaired = self._passes(self.at, m["lead"] + (f"{m['key']}: " if m["key"] else "") + quoted)
        if repaired is None:
            return None
        if first == "-" and "block sequence" in self.problem:
            how += ", or, for a list, put each '- ' item on its own line under the field"
        return self._found(self.at, f"{why}: {how}", self.paths.get(self.at), repaired)

    def _misindented(self, m: re.Match[str]):
        """`  bar: baz` under `name: X`: a field indented as if it were inside the one above."""
        above = next((i for i in range(self.at - 1, -1, -1) if self.lines[i].strip()), None)
        if above is None or not m["key"]:
            return None
        prev = _parts(self.lines[above])
        if not prev["key"] or not prev["value"] or lead(self.lines[above]) >= lead(self.line):
            return None
        repaired = self._passes(self.at, " " * lead(self.lines[above]) + self.line.lstrip(" "))
        if repaired is None:
            return None
        return self._found(
            self.at,
            f"line {self._number(self.at)} is indented under '{prev['key']}', which already "
            f"has a value: indent it like '{prev['key']}', or, if it belongs to that value, "
            "put the whole value on one line in double quotes",
            repaired=repaired,
        )

    def _item_after_value(self):
        """A '- ' item under `field: value`: the field cannot be both text and a list."""
        if not ("expected key" in self.problem or "block end" in self.problem) or not self.line.lstrip(" ").startswith(
            "-"
        ):
            return None
        above = next(
            (
                i
                for i in range(self.at - 1, -1, -1)
                if self.lines[i].strip() and not self.lines[i].lstrip().startswith("#")
            ),
            None,
        )
        if above is None:
            return None
        prev = _parts(self.lines[above])
        if not prev["key"] or not prev["value"] or lead(self.lines[above]) > lead(self.line):
            return None
        key = prev["key"]
        return self._found(
            self.at,
            f"a '- ' item follows '{key}', whose value is already on its line: "
            f"leave '{key}:' alone on its line and put every item, the first one too, "
            "on its own '- ' line under it",
            self.paths.get(above),
        )

    def _no_colon(self):
        ctx = self.error.context_mark
        if "expected ':'" not in self.problem or "simple key" not in self.context or ctx is None:
            return None
        return self._found(
            ctx.line,
            f"line {self._number(ctx.line)} is neither 'field: value' nor a '- ' item: "
            "add the field's name, or, if it goes on from the value above, indent it",
        )

    def _indentation(self):
        """A line indented unlike the list or mapping it belongs to."""
        if self.column != lead(self.line) or not self.line.strip():
            return None
        tried = {lead(self.line)}
        for above in reversed(self.lines[: self.at]):
            width = lead(above)
            if not above.strip() or width in tried:
                continue
            if len(tried) > 6:  # each try reads the front matter again: a few, the nearest
                break
            tried.add(width)
            repaired = self._passes(self.at, " " * width + self.line.lstrip(" "))
            if repaired:

                def spaces(k: int) -> str:
                    return f"{k} space{'s' if k != 1 else ''}"

                return self._found(
                    self.at,
                    f"line {self._number(self.at)} is indented by {spaces(lead(self.line))}, "
                    f"unlike the lines around it: indent it by {spaces(width)}",
                    repaired=repaired,
                )
        return None


def lead(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quoted(text: str) -> tuple[str, str]:
    """The value in quotes that keep it as written, and how to say so."""
    if '"' not in text:
        return '"' + text.replace("\\", "\\\\") + '"', "put the whole value in double quotes"
    if "'" not in text:
        return "'" + text + "'", "put the whole value in single quotes"
    return '"' + text.replace("\\", "\\\\").replace(
        '"', '\\"'
    ) + '"', 'put the whole value in double quotes, and write each " inside it as \\"'


def _paths(lines: list[str], loader) -> dict[int, tuple]:
    """Line -> the path of the last field or item that starts on it, as far as the YAML reads;
    not within a [list] or {mapping} written on one line: the line is about the field it starts."""
    walk = _PathWalk()
    try:
        for event in yaml.parse("\n".join(lines), Loader=loader):
            if isinstance(event, _NODE):
                walk.node(event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)) and walk.stack:
                walk.end()
    except yaml.YAMLError:
        pass  # the lines before the error still have their paths, which is what the message needs
    return walk.found


_NODE = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


class _PathWalk:
    """The path to where the parser is, followed one event at a time."""

    def __init__(self):
        self.found: dict[int, tuple] = {}
        self.stack: list[list] = []  # [kind, key or index, expecting a key, in a flow collection]

    def here(self) -> tuple:
        return tuple(frame[1] for frame in self.stack)

    def node(self, event) -> None:
        top = self.stack[-1] if self.stack else None
        flow = bool(top and top[3])
        if top and top[0] == "map" and top[2]:
            self._key(event, top, flow)
            return
        if top and top[0] == "seq":
            top[1] += 1
        if self.stack and not flow:
            self.found[event.start_mark.line] = self.here()
        self._value(event, top, flow)

    def _key(self, event, top: list, flow: bool) -> None:
        top[1], top[2] = (event.value if isinstance(event, yaml.ScalarEvent) else "?"), False
        if not flow:
            self.found[event.start_mark.line] = self.here()
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.stack.append(["key", None, False, True])  # a list or mapping as a key: refused later

    def _value(self, event, top: list | None, flow: bool) -> None:
        # Inside a one-line [list] or {mapping} every line is the field's that starts it.
        inner = flow or bool(getattr(event, "flow_style", False))
        if isinstance(event, yaml.MappingStartEvent):
            self.stack.append(["map", None, True, inner])
        elif isinstance(event, yaml.SequenceStartEvent):
            self.stack.append(["seq", -1, False, inner])
        elif top and top[0] == "map":
            top[2] = True  # a mapping's value is read in full: a key comes next

    def end(self) -> None:
        # A collection that was a value ends that value; one that was a key waits for its value.
        if self.stack.pop()[0] != "key" and self.stack and self.stack[-1][0] == "map":
            self.stack[-1][2] = True
