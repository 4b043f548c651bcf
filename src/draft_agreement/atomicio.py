"""Atomic output: a crash or an error mid-write never leaves a half-written .docx or clobbers the input.

Data goes to a temporary file in the target's folder (same filesystem, so the rename is atomic), is
fsynced, then renamed over the target with os.replace.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path
from typing import BinaryIO

from draft_agreement.errors import OutputError


def _current_umask() -> int:
    """The process umask; mkstemp creates 0600 files, and output should get the usual permissions."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_current_umask()
_DATA_DESCRIPTOR = 0x08  # zip flag: CRC and sizes follow the data instead of the local header


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[BinaryIO]:
    """Yield a temp file beside `target`; on success fsync and rename it over `target`, else delete it."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, _FILE_MODE)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    _fsync_folder(target.parent)


def discard_partial(target: Path) -> None:
    """Remove what a writer killed mid-write (SIGKILL skips our cleanup) left beside `target`."""
    for stray in target.parent.glob(f".{glob_escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stray.unlink()


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; best effort, as some platforms cannot open a folder."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write `data` to `target` so that readers see either the old file or the complete new one."""
    with _replacing(target) as handle:
        handle.write(data)


@dataclass(frozen=True)
class Compressed:
    """A zip entry's data exactly as stored in its source archive (`info` holds its CRC and sizes).

    Written as it is, never inflated: a part we do not change comes back byte for byte, faster, and
    even when it could not be inflated (a bad CRC in a theme we never read).
    """

    info: zipfile.ZipInfo
    data: bytes | memoryview


def write_zip_atomic(
    target: Path,
    entries: Iterable[tuple[zipfile.ZipInfo, bytes | Sequence[bytes | memoryview] | Compressed]],
) -> None:
    """Write a zip atomically, keeping each entry's name, date_time and compression method.

    Fixed dates and the same order give byte-for-byte reproducible output. The given ZipInfo objects
    are copied, because zipfile rewrites offsets and sizes on the objects it writes. An entry given as
    chunks is written chunk by chunk (as writestr would write their concatenation), so a large part is
    never joined in memory.
    """
    with _replacing(target) as handle, zipfile.ZipFile(handle, "w") as archive:
        for info, data in entries:
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            entry.create_system = info.create_system
            if isinstance(data, Compressed):
                _write_compressed(archive, entry, data)
                continue
            if isinstance(data, bytes):
                archive.writestr(entry, data)
                continue
            entry.file_size = sum(len(chunk) for chunk in data)
            with archive.open(entry, "w") as dest:
                for chunk in data:
                    dest.write(chunk)


def _write_compressed(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, stored: Compressed) -> None:
    """Append an entry whose data is already compressed, as zipfile's own writestr lays one out.

    zipfile has no public call for this, so the local header is written with ZipInfo.FileHeader and the
    entry registered for the central directory, as writestr does. The sizes and CRC go in the header
    itself, so the source's data-descriptor flag is dropped.
    """
    entry.compress_type = stored.info.compress_type
    entry.flag_bits = stored.info.flag_bits & ~_DATA_DESCRIPTOR
    entry.CRC = stored.info.CRC
    entry.file_size = stored.info.file_size
    entry.compress_size = len(stored.data)
    zip64 = max(entry.file_size, entry.compress_size) > zipfile.ZIP64_LIMIT
    entry.header_offset = archive.fp.tell()  # type: ignore[union-attr]
    archive._writecheck(entry)  # type: ignore[attr-defined]
    archive._didModify = True  # type: ignore[attr-defined]
    archive.fp.write(entry.FileHeader(zip64))  # type: ignore[union-attr]
    archive.fp.write(stored.data)  # type: ignore[union-attr]
    archive.filelist.append(entry)
    archive.NameToInfo[entry.filename] = entry
    archive.start_dir = archive.fp.tell()  # type: ignore[union-attr,attr-defined]


def check_output_path(input_path: Path, output_path: Path, in_place: bool = False) -> None:
    """Refuse an output that is the input (unless in_place), a folder, or lies in a missing folder."""
    folder = output_path.absolute().parent
    if not folder.is_dir():
        raise OutputError(
            f"{output_path}: output folder {folder} does not exist (create it or choose another path)"
        )
    if output_path.is_dir():
        raise OutputError(f"{output_path}: is a folder (give a file name for the output)")
    if in_place:
        return
    same = input_path.resolve() == output_path.resolve()
    if not same and output_path.exists() and input_path.exists():
        same = os.path.samefile(input_path, output_path)
    if same:
        raise OutputError(
            f"{output_path}: refusing to overwrite the input {input_path} "
            "(choose another output path, or ask for an in-place edit)"
        )
