"""Where a source may read from: its own folder, the project's ``styles/`` and medprint's own data.

Every path written in a source (bibliography, images, templates, CSS) goes
through :func:`resolve_source_path`, which resolves symlinks first and refuses
anything that lands outside the allowed roots.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import UnsafePathError, SourceError
from .model import Location

PACKAGE_DIR = Path(__file__).resolve().parent
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # any scheme (http:, FILE:, data:, smb:, mailto:, …); not C:
_WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\)")  # C:\x, C:/x, \\server\share


def styles_dir() -> Path:
    """The styles folder: ``$MEDPRINT_STYLES``, ``./styles``, the wheel's copy, or the repo's."""
    env = os.environ.get("MEDPRINT_STYLES")
    candidates = [Path(env)] if env else []
    candidates += [Path.cwd() / "styles", PACKAGE_DIR / "_styles", PACKAGE_DIR.parent.parent / "styles"]
    for cand in candidates:
        if (cand / "handout").is_dir() or (cand / "csl").is_dir():
            return cand.resolve()
    return (PACKAGE_DIR.parent.parent / "styles").resolve()


def is_inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def allowed_roots(source_dir: Path) -> list[Path]:
    """Folders a build of a source in ``source_dir`` may read."""
    return [source_dir.resolve(), styles_dir()]


def _file_kind(path: Path) -> str:
    """What a path that exists but is no regular file is, in words."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "a broken link"
    for test, words in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                        (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return words
    return "not a regular file"


def resolve_source_path(
    written: str,
    source_dir: Path,
    location: Location | None,
    *,
    what: str = "file",
    must_exist: bool = True,
    extra_roots: list[Path] | None = None,
) -> Path:
    """Resolve a path written in a source, refusing absolute paths and escapes."""
    if not written or "\x00" in written:
        raise SourceError("path.invalid", f"empty or invalid {what} path", location,
                          hint="write a path relative to the source's folder")
    if _URL.match(written) or written.startswith("//"):
        raise UnsafePathError("path.url", f"{what} '{written}' is a URL; medprint reads no URLs", location,
                              hint="download the file into the source's folder and name it relatively")
    raw = Path(written)
    if raw.is_absolute() or _WINDOWS_ABSOLUTE.match(written):
        raise UnsafePathError("path.absolute", f"{what} path '{written}' is absolute", location,
                              hint="write a path relative to the source's folder")
    base = source_dir.resolve()
    try:
        resolved = (base / raw).resolve()
    except (RuntimeError, OSError) as exc:  # a symlink loop, a name longer than the file system allows
        reason = "is a symlink loop" if isinstance(exc, RuntimeError) else f"cannot be used ({exc.strerror})"
        raise SourceError("path.invalid", f"{what} path '{_short(written)}' {reason}", location,
                          hint="point it at a real file inside the source's folder") from None
    roots = [base] + list(extra_roots or [])
    if not any(is_inside(resolved, root) for root in roots):
        raise UnsafePathError("path.escapes", f"{what} path '{_short(written)}' leaves the source's folder", location,
                              hint="keep bibliography, images and templates inside the source's folder")
    try:
        exists = resolved.is_file()
    except OSError:
        exists = False
    if must_exist and not exists and os.path.lexists(resolved):
        kind = _file_kind(resolved)
        raise SourceError("path.not-a-file", f"{what} '{_short(written)}' is {kind}, not a file", location,
                          hint=f"point {what} at a regular file inside the source's folder")
    if must_exist and not exists:
        raise SourceError("path.missing", f"{what} '{_short(written)}' not found", location,
                          hint=f"create it or fix the path (looked in {base.name}/)")
    return resolved


def _short(written: str, limit: int = 120) -> str:
    return written if len(written) <= limit else written[:limit] + "…"


def check_source_link(path: Path, shown: str | None = None) -> None:
    """Refuse a source file that is a symlink into another folder.

    Its relative paths (bibliography, images) would resolve in the link's target folder, which is not the
    source's folder the user sees: a link planted in ``sources/`` would make a build read files elsewhere.
    """
    path = Path(path)
    if path.is_symlink() and path.resolve().parent != path.parent.resolve():
        raise UnsafePathError("path.escapes", "the source file is a symlink to a file in another folder",
                              Location(shown or str(path), 1, 1),
                              hint="copy the file into its source folder instead of linking it")
