"""Done-when for localised labels: a Spanish and a Portuguese document's handout (read back with pdfplumber), deck
(python-pptx, speaker notes included) and web page (lxml, text and accessible names) show no English label.

The English labels are taken from the English catalog (every label medprint prints is a message there), plus the
words medprint takes from CSL locales (figure, table, 'and', month names): a label added later and left
untranslated prints in English and fails this test.
"""

from __future__ import annotations

import re

import pdfplumber
import pytest
from lxml import html as lxml_html
from PIL import Image
from pptx import Presentation

from medprint import api
from medprint.i18n.labels import english_labels, label

pytestmark = pytest.mark.slow

DOCS = {
    "es-ES": """---
title: "Asma en la *infancia*"
subtitle: Lo que pueden hacer las familias
author:
  - name: Lucía Fernández
    affiliation: Hospital del Niño
  - Mateo García
  - Sofía Ruiz
date: 2025-03-01
lang: es-ES
abstract: |
  El asma es *frecuente* en la infancia.
organization: Fundación Salud
version: "1.2"
review:
  statement: Revisado por el comité médico
  reviewed: 2025-02-20
  next-review: 2026-02-20
  reviewer: Comité médico
disclaimer: Este folleto no sustituye la consulta médica.
copyright: "© 2025 Fundación Salud"
url: https://example.org/asma
slides: {abstract: true}
references:
  - id: lopez2020
    type: article-journal
    title: Asma infantil
    author: [{family: López, given: Ana}]
    issued: {date-parts: [[2020]]}
    container-title: Revista Pediátrica
    volume: 3
    page: 1-9
---

Texto inicial sobre el asma[^1] [@lopez2020].

[^1]: Una nota al pie.

# Desencadenantes

El aire frío desencadena crisis [@lopez2020]. Véase @fig-zonas y @tbl-dosis.

![Zonas del pulmón](zonas.png){#fig-zonas}

| Fármaco | Dosis |
|---------|------:|
| A       | 5 mg  |

: Dosis habituales {#tbl-dosis}

::: {.callout-note}
Texto de la nota.
:::

::: {.callout-tip}
Texto del consejo.
:::

::: {.callout-important}
Texto importante.
:::

::: {.callout-warning}
Texto de advertencia.
:::

::: {.callout-caution}
Texto de precaución.
:::

# Tratamiento

{long}
""",
    "pt-BR": """---
title: "Asma na *infância*"
subtitle: O que as famílias podem fazer
author:
  - name: Ana Souza
    affiliation: Hospital da Criança
  - Bruno Lima
  - Carla Dias
date: 2025-03-01
lang: pt-BR
abstract: |
  A asma é *comum* na infância.
organization: Fundação Saúde
version: "1.2"
review:
  statement: Revisado pelo comitê médico
  reviewed: 2025-02-20
  next-review: 2026-02-20
  reviewer: Comitê médico
disclaimer: Este folheto não substitui a consulta médica.
copyright: "© 2025 Fundação Saúde"
url: https://example.org/asma
slides: {abstract: true}
references:
  - id: lopes2020
    type: article-journal
    title: Asma infantil
    author: [{family: Lopes, given: Ana}]
    issued: {date-parts: [[2020]]}
    container-title: Revista Pediátrica
    volume: 3
    page: 1-9
---

Texto inicial sobre a asma[^1] [@lopes2020].

[^1]: Uma nota de rodapé.

# Gatilhos

O ar frio desencadeia crises [@lopes2020]. Veja @fig-zonas e @tbl-doses.

![Zonas do pulmão](zonas.png){#fig-zonas}

| Remédio | Dose |
|---------|-----:|
| A       | 5 mg |

: Doses habituais {#tbl-doses}

::: {.callout-note}
Texto da nota.
:::

::: {.callout-tip}
Texto da dica.
:::

::: {.callout-important}
Texto importante.
:::

::: {.callout-warning}
Texto de aviso.
:::

::: {.callout-caution}
Texto de cuidado.
:::

# Tratamento

{long}
""",
}
LONG = {
    "es-ES": "\n\n".join(f"Párrafo número {n} sobre el tratamiento del asma en niños pequeños, con detalles que "
                         f"ocupan espacio en la diapositiva." for n in range(1, 13)),
    "pt-BR": "\n\n".join(f"Parágrafo número {n} sobre o tratamento da asma em crianças pequenas, com detalhes que "
                         f"ocupam espaço no slide." for n in range(1, 13)),
}
# words medprint takes from the CSL locale rather than from its catalog
CSL_ENGLISH = ["Figure", "Table", "Equation", "Section", "and", "January", "February", "March", "April", "June",
               "July", "August", "September", "October", "November", "December"]


def english_fragments(lang: str) -> set[str]:
    """The literal English text of every label ``lang`` translates differently (placeholders cut out)."""
    out = set(CSL_ENGLISH)
    for message in english_labels():
        if label(lang, message) == message:
            continue  # the same word in both languages ("cont.")
        out.update(p.strip() for p in re.split(r"\{\w+\}", message) if p.strip())
    return out


def find_english(text: str, lang: str) -> list[str]:
    return sorted(f for f in english_fragments(lang) if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text))


@pytest.fixture(scope="module", params=sorted(DOCS))
def built(request, tmp_path_factory):
    lang = request.param
    folder = tmp_path_factory.mktemp(lang)
    (folder / "doc").mkdir()
    (folder / "doc" / "index.md").write_text(DOCS[lang].replace("{long}", LONG[lang]), encoding="utf-8")
    Image.new("RGB", (300, 200), "lightblue").save(folder / "doc" / "zonas.png")
    return lang, api.build_document(folder / "doc" / "index.md", folder / "out")


def test_the_english_set_is_real(built):
    lang, _ = built
    fragments = english_fragments(lang)
    assert {"Abstract", "References", "Overview", "About this presentation", "Next review:"} <= fragments
    assert find_english("Next review: soon. Abstract", lang) == ["Abstract", "Next review:"]


def test_handout_has_no_english_label(built):
    lang, result = built
    with pdfplumber.open(result.outputs["pdf"]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert find_english(text, lang) == []
    expected = {"es-ES": ["Resumen", "Referencias", "Próxima revisión", "Versión 1.2"],
                "pt-BR": ["Resumo", "Referências", "Próxima revisão", "Versão 1.2"]}[lang]
    assert all(word in text for word in expected), text


def test_deck_has_no_english_label_on_slides_or_in_notes(built):
    lang, result = built
    deck = Presentation(str(result.outputs["pptx"]))
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    text = "\n".join(texts)
    assert find_english(text, lang) == []
    cont = label(lang, "cont.")
    assert f"({cont})" in text  # the long section continued, in the document's language
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert label(lang, "Abstract") in titles and label(lang, "Overview") in titles


def test_web_page_has_no_english_label_in_text_or_accessible_names(built):
    lang, result = built
    tree = lxml_html.parse(str(result.outputs["html"]))
    root = tree.getroot()
    for bad in root.xpath("//style|//script"):
        bad.getparent().remove(bad)
    names = [v for e in root.iter() if isinstance(e.tag, str) for k, v in e.attrib.items()
             if k in ("alt", "aria-label", "title")]
    text = root.text_content() + "\n" + "\n".join(names)
    assert find_english(text, lang) == []
    assert root.get("lang") == lang
