"""What an http(s) address may be written with: RFC 3986's characters, each where it belongs.

An address reaches pages (href), exports and the editor's schema as written. Outside RFC 3986
(`"<>\\{}|^`, a backtick, spaces, control characters, letters beyond ASCII), readers part
ways: the HTML validator refuses such an href, and a backslash is a "/" to a browser but not
to Python's urlsplit, which then sees another host (`https://evil.example\\@dossier.org/`).
So the check takes only RFC 3986's characters, and `FORM` is the same rule as a pattern that
both Python and ECMA-262 (the editor's JSON Schema) read alike.
"""

from __future__ import annotations

import re

_HEX = "0-9A-Fa-f"
# RFC 3986's pchar: unreserved, sub-delims, ":" and "@", or a percent-escape.
_PCHAR = rf"[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[{_HEX}]{{2}}"
# The host part: pchars, or an IP literal between brackets (the only place "[" and "]" go).
_AUTHORITY = rf"(?:{_PCHAR}|\[[{_HEX}:.]+\])+"
FORM = (
    rf"[Hh][Tt][Tt][Pp][Ss]?://{_AUTHORITY}"
    rf"(?:/(?:{_PCHAR}|/)*)?"  # the path
    rf"(?:\?(?:{_PCHAR}|[/?])*)?"  # the query
    rf"(?:#(?:{_PCHAR}|[/?])*)?"  # the fragment: one "#" only
)
ADDRESS = re.compile(FORM)

_AFTER_HOST = re.compile(r"\A[A-Za-z][A-Za-z0-9+.\-]*://[^/?#]*(?P<rest>[\s\S]*)\Z")
_PLAIN = re.compile(rf"\A(?:{_PCHAR}|[/?])\Z")


def _shown(c: str) -> str:
    if c == " ":
        return "a space"
    if c == "%":
        return "a % not followed by two hexadecimal digits"
    if c == "#":
        return "a # after the first"
    if c.isprintable() and not c.isspace():
        return c
    return f"U+{ord(c):04X}"


def misfits(address: str) -> list[str]:
    """The characters after the host that RFC 3986 does not let stand there as they are, in the
    order they come, each once: whatever is not one of its characters, a "[" or "]", a second
    "#", and a "%" that starts no escape. Percent-encoding each mends it; the host itself
    cannot be mended so (the check refuses it as a whole)."""
    m = _AFTER_HOST.match(address)
    rest = m.group("rest") if m else ""
    found: dict[str, None] = {}
    hashes = 0
    for i, c in enumerate(rest):
        hashes += c == "#"
        if c == "%" and re.match(rf"%[{_HEX}]{{2}}", rest[i:]):
            continue
        if not _PLAIN.match(c) and not (c == "#" and hashes == 1):
            found.setdefault(c)
    return list(found)


def misfit_message(chars: list[str]) -> str:
    """The message for `misfits`, naming the fix: each character percent-encoded, as its UTF-8 bytes."""
    escapes = ", ".join(
        "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass")) + f" for {_shown(c)}" for c in chars
    )
    what = "a character" if len(chars) == 1 else "characters"
    return (
        f"has {what} an address cannot hold as written: percent-encode {'it' if len(chars) == 1 else 'them'}: {escapes}"
    )
