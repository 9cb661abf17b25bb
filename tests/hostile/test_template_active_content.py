"""Slide templates carrying macros, ActiveX controls, OLE objects or restricted fonts are refused, located."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from medprint.boundary import run_cli
from medprint.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "styles" / "slides" / "default.pptx"
PRESENTATION_CT = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
VBA_REL = '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" ' \
          'Target="vbaProject.bin"/>'


def template(path: Path, *, main_type: str | None = None, add: dict[str, bytes] | None = None,
             overrides: dict[str, str] | None = None, rels: str = "") -> Path:
    """The default master with its main content type replaced, parts added and relationships appended."""
    with zipfile.ZipFile(DEFAULT) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                text = data.decode()
                if main_type:
                    text = text.replace(PRESENTATION_CT, main_type)
                for part, ctype in (overrides or {}).items():
                    text = text.replace("</Types>", f'<Override PartName="{part}" ContentType="{ctype}"/></Types>')
                data = text.encode()
            elif info.filename == "ppt/_rels/presentation.xml.rels" and rels:
                data = data.decode().replace("</Relationships>", rels + "</Relationships>").encode()
            out.writestr(info, data)
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return path


def build(tmp_path: Path, name: str, capsys) -> tuple[int, str]:
    folder = tmp_path / "sources" / "talk"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(f"---\ntitle: A talk\nslides:\n  template: {name}\n---\n\n# One\n\nText.\n")
    capsys.readouterr()
    code = run_cli(cli, ["build", "sources/talk", "--to", "pptx", "-o", str(tmp_path / "out"), "-q"])
    return code, capsys.readouterr().err


MACRO_CASES = {
    "pptm-main": dict(main_type="application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
                      add={"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0 fake VBA"}, rels=VBA_REL,
                      overrides={"/ppt/vbaProject.bin": "application/vnd.ms-office.vbaProject"}),
    "potm-main": dict(main_type="application/vnd.ms-powerpoint.template.macroEnabled.main+xml"),
    "vba-part-only": dict(add={"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0"}, rels=VBA_REL),
}


@pytest.mark.parametrize("case", sorted(MACRO_CASES))
def test_macro_templates_are_refused_naming_template_and_part(case, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources" / "talk").mkdir(parents=True)
    template(tmp_path / "sources" / "talk" / "corp.pptx", **MACRO_CASES[case])  # a renamed .pptm/.potm
    code, err = build(tmp_path, "corp.pptx", capsys)
    assert code == 1
    line = err.strip().splitlines()[0]
    assert re.match(r"sources/talk/index\.md:4:3: error: slide template 'corp\.pptx' contains macros \(.+\); "
                    r"every deck built from it would carry it; save the template as a \.pptx .+ \[template\.macros\]$",
                    line), line
    assert not (tmp_path / "out" / "talk.pptx").exists()


@pytest.mark.parametrize("part, what", [("ppt/activeX/activeX1.xml", "an ActiveX control"),
                                        ("ppt/embeddings/oleObject1.bin", "an embedded OLE object or package"),
                                        ("ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx",
                                         "an embedded OLE object or package")])
def test_active_and_embedded_content_is_refused(part, what, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources" / "talk").mkdir(parents=True)
    template(tmp_path / "sources" / "talk" / "corp.pptx", add={part: b"<x/>" if part.endswith(".xml") else b"PK"})
    code, err = build(tmp_path, "corp.pptx", capsys)
    assert code == 1 and f"contains {what} ({part})" in err and "[template.active-content]" in err


def _eot(fs_type: int) -> bytes:
    header = (b"\x00" * 4) * 4 + b"\x00" * 10 + b"\x01\x00" + (400).to_bytes(4, "little")
    return header + fs_type.to_bytes(2, "little") + b"LP" + b"\x00" * 64


def test_restricted_embedded_fonts_are_refused_and_installable_ones_kept(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "sources" / "talk"
    folder.mkdir(parents=True)
    template(folder / "restricted.pptx", add={"ppt/fonts/font1.fntdata": _eot(0x0002)})
    code, err = build(tmp_path, "restricted.pptx", capsys)
    assert code == 1 and "contains a font whose licence forbids embedding (ppt/fonts/font1.fntdata)" in err
    template(folder / "editable.pptx", add={"ppt/fonts/font1.fntdata": _eot(0x0008), "customXml/item1.xml": b"<a/>"})
    code, err = build(tmp_path, "editable.pptx", capsys)
    assert code == 0, err
