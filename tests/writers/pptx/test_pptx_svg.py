"""SVG figures in the deck: the SVG part (asvg:svgBlip) beside a PNG drawn at the slide's size."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pptx import Presentation

from medprint import api
from medprint.errors import SourceError
from medprint.writers.pptx import plan_deck, render_pptx
from medprint.writers.pptx.layout import PictureBox
from medprint.writers.pptx.svg_picture import SVG_EXTENSION, SVG_NS

HERE = Path(__file__).resolve().parent
STYLES = HERE.parents[2] / "styles"
sys.path.insert(0, str(HERE))
import overflow_check

RED = (214, 39, 40)
CHART = f"""<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">
  <rect width="400" height="300" fill="white"/>
  <rect x="40" y="60" width="90" height="220" fill="rgb{RED}"/>
  <rect x="160" y="120" width="90" height="160" fill="#1f77b4"/>
  <rect x="280" y="200" width="90" height="80" fill="#2ca02c"/>
  <text x="200" y="40" font-size="24" text-anchor="middle" font-family="sans-serif">Response</text>
</svg>
"""


def _source(tmp_path: Path, svg: str, name: str = "chart.svg") -> Path:
    (tmp_path / name).write_text(svg, encoding="utf-8")
    src = tmp_path / "index.md"
    src.write_text(f"---\ntitle: Charts\n---\n\n# Results\n\n![Response by arm]({name})\n\nSome text.\n",
                   encoding="utf-8")
    return src


def _deck(src: Path) -> bytes:
    document = api.read(src)
    return render_pptx(document, api.cite(document), styles=STYLES)


def _picture(data: bytes):
    prs = Presentation(io.BytesIO(data))
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.shape_type is not None and "PICTURE" in str(shape.shape_type):
                return prs, number, slide, shape
    raise AssertionError("no picture in the deck")


def test_svg_figure_is_stored_as_powerpoint_stores_it(tmp_path):
    data = _deck(_source(tmp_path, CHART))
    prs, _, slide, pic = _picture(data)
    blip = pic._element.xpath("./p:blipFill/a:blip")[0]
    ext = blip.xpath("./a:extLst/a:ext")
    assert [e.get("uri") for e in ext] == [SVG_EXTENSION]
    svg_blip = ext[0].find(f"{{{SVG_NS}}}svgBlip")
    rid = svg_blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    svg_part = slide.part.related_part(rid)
    assert svg_part.content_type == "image/svg+xml"
    assert svg_part.blob.decode("utf-8") == CHART  # the author's SVG, unchanged
    png = pic.image
    assert png.content_type == "image/png"
    with PILImage.open(io.BytesIO(png.blob)) as img:
        width, height = img.size
        # drawn at the slide size (192 dpi), not at the SVG's own 400 x 300
        assert abs(width - pic.width / 914400 * 192) <= 1 and abs(height - pic.height / 914400 * 192) <= 1
        assert img.convert("RGB").getpixel((int(width * 85 / 400), int(height * 200 / 300))) == RED
    # placed inside the slide, keeping the SVG's aspect ratio, with the author's alt text
    assert 0 <= pic.left and pic.left + pic.width <= prs.slide_width and pic.top + pic.height <= prs.slide_height
    assert abs(pic.width / pic.height - 4 / 3) < 0.01
    assert pic._element.nvPicPr.cNvPr.get("descr") == "Response by arm"
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sum(n.endswith(".svg") for n in names) == 1


def test_svg_without_size_takes_its_viewbox(tmp_path):
    svg = CHART.replace('width="400" height="300" ', "")
    document = api.read(_source(tmp_path, svg))
    deck = plan_deck(document, api.cite(document), styles=STYLES)
    box = next(s for slide in deck.slides for s in slide.shapes if isinstance(s, PictureBox))
    assert box.svg and abs(box.rect[2] / box.rect[3] - 4 / 3) < 0.01


def test_svg_cannot_read_local_files(tmp_path):
    secret = tmp_path / "secret.png"
    PILImage.new("RGB", (50, 50), RED).save(secret)
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" '
           f'height="100"><image xlink:href="file://{secret}" width="100" height="100"/></svg>')
    _, _, _, pic = _picture(_deck(_source(tmp_path, svg)))
    with PILImage.open(io.BytesIO(pic.image.blob)) as img:
        colours = {c for _, c in img.convert("RGB").getcolors(1 << 20)}
    assert RED not in colours


def test_svg_with_a_doctype_is_refused_for_the_deck(tmp_path):
    svg = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>'
    document = api.read(_source(tmp_path, svg))
    with pytest.raises(SourceError) as err:
        plan_deck(document, api.cite(document), styles=STYLES)
    assert err.value.code == "image.unsafe-svg" and err.value.location.line == 7


@pytest.mark.soffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice or poppler not installed")
def test_libreoffice_draws_the_svg_figure(tmp_path):
    data = _deck(_source(tmp_path, CHART))
    prs, number, _, pic = _picture(data)
    pdf = overflow_check.to_pdf(data, tmp_path)
    assert overflow_check.check_pdf(data, pdf) == []
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(number), "-l", str(number), str(pdf),
                    str(tmp_path / "page")], check=True, capture_output=True, timeout=120)
    page = next(tmp_path.glob("page*.png"))
    with PILImage.open(page) as img:
        img = img.convert("RGB")
        sx, sy = img.width / prs.slide_width, img.height / prs.slide_height
        # the red bar's middle, where the picture was placed
        x = (pic.left + pic.width * 85 / 400) * sx
        y = (pic.top + pic.height * 200 / 300) * sy
        r, g, b = img.getpixel((int(x), int(y)))
    assert abs(r - RED[0]) < 30 and abs(g - RED[1]) < 30 and abs(b - RED[2]) < 30


def test_an_svg_claiming_a_huge_size_is_drawn_at_the_slide_size(tmp_path):
    svg = CHART.replace('width="400" height="300"', 'width="400000" height="300000"')
    _, _, _, pic = _picture(_deck(_source(tmp_path, svg)))
    with PILImage.open(io.BytesIO(pic.image.blob)) as img:
        assert max(img.size) <= 13.34 * 192 and abs(img.size[0] / img.size[1] - 4 / 3) < 0.01
