"""medprint.paths.resolve_source_path: only files inside the source's folder (or extra roots), after symlinks."""

from __future__ import annotations

import os

import pytest

from medprint.errors import SourceError, UnsafePathError
from medprint.model import Location
from medprint.paths import resolve_source_path

WHERE = Location("index.md", 4, 1)


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "src"
    (src / "figures").mkdir(parents=True)
    (src / "figures" / "a.png").write_bytes(b"x")
    (tmp_path / "secret.txt").write_text("secret")
    return src


def code_of(written, folder, **kw):
    with pytest.raises(SourceError) as info:
        resolve_source_path(written, folder, WHERE, what="image", **kw)
    assert info.value.location == WHERE
    return info.value.code


def test_a_relative_file_inside_resolves(folder):
    assert resolve_source_path("figures/a.png", folder, WHERE) == (folder / "figures" / "a.png").resolve()
    assert resolve_source_path("./figures/../figures/a.png", folder, WHERE).name == "a.png"


@pytest.mark.parametrize("written, code", [
    ("../secret.txt", "path.escapes"), ("figures/../../secret.txt", "path.escapes"),
    ("/etc/passwd", "path.absolute"), ("C:\\Windows\\win.ini", "path.absolute"), ("C:/x.png", "path.absolute"),
    ("\\\\server\\share\\x.png", "path.absolute"), ("file:///etc/passwd", "path.url"), ("FILE:///etc/passwd", "path.url"),
    ("HTTP://127.0.0.1/x.png", "path.url"), ("//127.0.0.1/x.png", "path.url"), ("data:image/png;base64,AA", "path.url"),
    ("smb://host/x", "path.url"), ("", "path.invalid"), ("a\x00b", "path.invalid"), ("figures/none.png", "path.missing"),
    ("figures", "path.not-a-file"), ("x" * 5000, "path.missing"),
])
def test_refused(folder, written, code):
    assert code_of(written, folder) == code


def test_symlinks_are_followed_before_checking(folder):
    os.symlink(folder.parent / "secret.txt", folder / "link.png")
    os.symlink(folder.parent, folder / "up")
    os.symlink(folder / "figures" / "a.png", folder / "inside.png")
    assert code_of("link.png", folder) == "path.escapes"
    assert code_of("up/secret.txt", folder) == "path.escapes"
    assert resolve_source_path("inside.png", folder, WHERE).name == "a.png"


def test_a_symlink_loop_is_a_clear_error(folder):
    os.symlink(folder / "b.png", folder / "a.png")
    os.symlink(folder / "a.png", folder / "b.png")
    assert code_of("a.png", folder) == "path.invalid"


def test_extra_roots_allow_styles(folder, tmp_path):
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "x.css").write_text("")
    assert code_of("../styles/x.css", folder) == "path.escapes"
    assert resolve_source_path("../styles/x.css", folder, WHERE, extra_roots=[styles.resolve()]).name == "x.css"


def test_an_unsafe_path_is_an_unsafe_path_error(folder):
    with pytest.raises(UnsafePathError):
        resolve_source_path("../secret.txt", folder, WHERE)


def test_a_source_file_linked_from_another_folder_is_refused(tmp_path):
    from medprint.paths import check_source_link

    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "notes.md").write_text("---\ntitle: x\n---\n")
    (tmp_path / "src").mkdir()
    os.symlink(tmp_path / "elsewhere" / "notes.md", tmp_path / "src" / "index.md")
    (tmp_path / "src" / "real.md").write_text("---\ntitle: x\n---\n")
    os.symlink(tmp_path / "src" / "real.md", tmp_path / "src" / "alias.md")  # same folder: fine
    with pytest.raises(UnsafePathError):
        check_source_link(tmp_path / "src" / "index.md")
    check_source_link(tmp_path / "src" / "alias.md")
    check_source_link(tmp_path / "src" / "real.md")
