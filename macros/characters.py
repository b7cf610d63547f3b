"""Characters that no text of the dossier may hold, named for the contributor, shown visibly.

Control characters (Unicode category Cc) other than newline and tab end a CSV row, an
iCalendar line or a terminal's line, or drive the terminal itself (escape sequences).
Line and paragraph separators end lines in JavaScript and some editors; bidirectional
overrides and isolates reorder what a reader sees, so that a name or a link can show
one thing and hold another. None has a use in an entry, so the check refuses them all,
with the surrogate code points a YAML escape can name (not characters at all: no UTF-8 file
can hold them).
"""

from __future__ import annotations

import re
import unicodedata

_RANGES = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),  # Cc, but for tab (0x09) and newline (0x0A)
    (0x2028, 0x2029),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0xD800, 0xDFFF),
)
_FORMAT = {0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def _class(shift: int = 0) -> str:
    return "[" + "".join(f"{re.escape(chr(a + shift))}-{re.escape(chr(b + shift))}" for a, b in _RANGES) + "]"


UNSAFE = re.compile(_class())

# Where a file holds one of them, the loader puts a stand-in in its place before YAML reads it
# (YAML refuses some, and counts others as line ends): the same code point moved into the
# private-use plane 15, so that the value still says which character was there.
_SHIFT = 0xF0000
_STAND_INS = str.maketrans({c: c + _SHIFT for a, b in _RANGES for c in range(a, b + 1)})
STAND_IN = re.compile(_class(_SHIFT))
UNSAFE_OR_STAND_IN = re.compile(_class() + "|" + _class(_SHIFT))

_C0_C1_NAMES = {
    0x00: "null",
    0x07: "bell",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x0D: "carriage return",
    0x1B: "escape",
    0x7F: "delete",
    0x85: "next line",
    0x9B: "control sequence introducer",
}


def with_stand_ins(text: str) -> str:
    return text.translate(_STAND_INS)


def original(ch: str) -> str:
    """The character a stand-in stands for; any other character as it is."""
    return chr(ord(ch) - _SHIFT) if STAND_IN.fullmatch(ch) else ch


def restored(text: str) -> str:
    """The text with each stand-in put back as the character it stands for."""
    return STAND_IN.sub(lambda m: original(m.group()), text)


def refusal(ch: str) -> str:
    """What the check says about an unsafe character (or its stand-in), and the fix."""
    code = ord(original(ch))
    if 0xD800 <= code <= 0xDFFF:
        return f"contains U+{code:04X}, half of a UTF-16 surrogate pair, which is not a character: remove it"
    if code in _FORMAT:
        name = unicodedata.name(chr(code)).lower()
        return (
            f"contains the invisible character U+{code:04X} ({name}), which can break or reorder "
            "the text shown: remove it"
        )
    known = _C0_C1_NAMES.get(code)
    return f"contains the control character U+{code:04X}{f' ({known})' if known else ''}: remove it"


_VISIBLE = re.compile(_class() + "|[\t\n]")  # in a one-line report, tab and newline too


def visible(text: str) -> str:
    r"""The text with every control and invisible formatting character written as an escape
    (\x1b, \x0a, \u202e), so that printing it can neither move the cursor nor split a line."""
    return _VISIBLE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )
