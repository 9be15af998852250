"""File I/O at the edges: atomic writes, strict UTF-8 reads, PO catalogues."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import polib

from .errors import InputError

PO_WRAP_WIDTH = 79  # GNU gettext wraps at 79 columns


def atomic_write(path: Path, data: str) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Returns False (and touches nothing) when the file already holds exactly ``data``,
    so that unchanged outputs keep their timestamps and git sees no change.
    """
    encoded = data.encode("utf-8")
    try:
        if path.read_bytes() == encoded:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(encoded)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is dropped); invalid UTF-8 names the line."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 ({exc.reason} at byte {exc.start})", path, line) from None


def load_po(path: Path) -> polib.POFile:
    """Parse a PO or POT file; syntax errors become an InputError naming the line."""
    text = read_text(path)
    if "\x00" in text:
        raise InputError("contains a NUL byte", path, text[: text.index("\x00")].count("\n") + 1)
    try:
        # polib takes a string without a newline for a file name: never let it.
        catalog = polib.pofile(text if "\n" in text else text + "\n", wrapwidth=PO_WRAP_WIDTH)
    except (OSError, ValueError, UnicodeError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise InputError(f"invalid PO syntax: {exc}", path,
                         int(match.group(1)) if match else None) from None
    catalog.fpath = str(path)
    return catalog


def save_po(catalog: polib.POFile, path: Path) -> bool:
    """Write a catalogue atomically, wrapped like gettext; True when the file changed."""
    catalog.wrapwidth = PO_WRAP_WIDTH
    text = catalog.__unicode__()
    if not text.endswith("\n"):
        text += "\n"
    return atomic_write(path, text)
