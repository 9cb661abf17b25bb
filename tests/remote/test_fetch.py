"""Citing by identifier: `refs fetch` writes the lock file, builds read it offline, one work is one reference."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from medprint.boundary import run_cli
from medprint.cli import cli

HEAD = """---
title: Gut bacteria and cancer drugs
lang: en-US
---

"""


def source(tmp_path: Path, body: str, refs: list | None = None) -> Path:
    folder = tmp_path / "sources" / "handout"
    folder.mkdir(parents=True)
    head = HEAD
    if refs is not None:
        (folder / "references.json").write_text(json.dumps(refs))
        head = head.replace("lang: en-US\n", "lang: en-US\nbibliography: references.json\n")
    (folder / "index.md").write_text(head + body)
    return folder / "index.md"


def medprint(capsys, *args) -> tuple[int, str, str]:
    code = run_cli(cli, [str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


BODY = ("# Evidence\n\nTransplants help some patients [@pmid:32577835, p. 74].\n\n"
        "The same review again [@{doi:https://doi.org/10.1007/S11912-020-00913-Y}] and by PMCID [@pmcid:PMC7685568].\n\n"
        "A dermatology review [@{pmcid:pmc9588106}] and a dataset [@doi:10.5555/fict-data.7].\n")


def test_unresolved_identifier_fails_the_build_at_its_line(tmp_path, capsys, monkeypatch):
    src = source(tmp_path, BODY)
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "build", src, "-o", tmp_path / "out")
    assert code == 1
    assert "sources/handout/index.md:8:33: error: 'pmid:32577835' is not resolved yet" in err
    assert "medprint refs fetch" in err and "[citation.unresolved-identifier]" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.pdf"))


def test_fetch_writes_a_sorted_lock_and_the_build_reads_it_offline(tmp_path, capsys, services, monkeypatch):
    src = source(tmp_path, BODY)
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "refs", "fetch", src)
    assert code == 0, err
    assert "5 of 5 resolved" in err
    lock = src.with_name("index.refs-lock.json")
    entries = json.loads(lock.read_text())
    assert [e["id"] for e in entries] == sorted(e["id"] for e in entries)
    ids = {e["id"] for e in entries}
    assert ids == {"pmid:32577835", "doi:10.1007/s11912-020-00913-y", "pmcid:PMC7685568", "pmcid:PMC9588106",
                   "doi:10.5555/fict-data.7"}
    by_id = {e["id"]: e for e in entries}
    mcquade = by_id["pmid:32577835"]
    assert mcquade["container-title"] == "Current Oncology Reports"
    assert [a["family"] for a in mcquade["author"]] == ["McQuade", "Ologun", "Arora", "Wargo"]
    assert mcquade["PMCID"] == "PMC7685568" and mcquade["DOI"] == "10.1007/s11912-020-00913-y"
    assert mcquade["custom"]["medprint-source"] == "pubmed" and len(mcquade["custom"]["medprint-fetched"]) == 10
    assert by_id["doi:10.5555/fict-data.7"]["custom"]["medprint-source"] == "datacite"
    requests = len(services.log)
    assert requests <= 4  # one ID-converter, one efetch, one Crossref batch, one DataCite look-up

    # fetching again asks nothing: everything cited is in the lock
    code, _, err = medprint(capsys, "refs", "fetch", src)
    assert code == 0 and len(services.log) == requests and "nothing to fetch" in err

    # the build never touches the network
    def no_network(*args, **kwargs):
        raise AssertionError("build used the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    code, _, err = medprint(capsys, "build", src, "--to", "html", "-o", tmp_path / "out")
    assert code == 0, err
    html = (tmp_path / "out" / "handout.html").read_text()
    # one work cited three ways is one reference; the PMCID-only review is another; the dataset a third
    assert html.count('class="csl-entry"') == 3
    assert "McQuade, J. L., Ologun, G. O., Arora, R., &amp; Wargo, J. A. (2020)" in html
    assert "Current Oncology Reports" in html and "Dermatology and Therapy" in html
    assert "Fictional microbiome sequencing dataset" in html


def test_bibliography_entry_with_the_same_identifier_is_the_same_reference(tmp_path, capsys, services, monkeypatch):
    refs = [{"id": "mcquade2020", "type": "article-journal", "title": "Gut microbiome modulation",
             "container-title": "Current Oncology Reports", "issued": {"date-parts": [[2020]]},
             "author": [{"family": "McQuade", "given": "Jennifer L."}], "PMID": "32577835"}]
    src = source(tmp_path, "# A\n\nCited by key [@mcquade2020] and by DOI-less PMID [@pmid:32577835].\n", refs)
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "refs", "fetch", src)
    assert code == 0 and "nothing to fetch" in err and services.log == []
    code, _, err = medprint(capsys, "build", src, "--to", "html", "-o", tmp_path / "out")
    assert code == 0, err
    html = (tmp_path / "out" / "handout.html").read_text()
    assert html.count('class="csl-entry"') == 1
    assert "repeated" not in err


def test_identifiers_nobody_has_are_reported_at_their_line(tmp_path, capsys, services, monkeypatch):
    src = source(tmp_path, "# A\n\nOne [@pmid:99999999] and [@doi:10.5555/does-not-exist].\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = medprint(capsys, "refs", "fetch", src)
    assert code == 1
    assert "sources/handout/index.md:8:6: error: pmid:99999999: PubMed has no record of pmid:99999999" in out
    assert "index.md:8:27: error: doi:10.5555/does-not-exist" in out and "[refs.not-found]" in out
    assert not src.with_name("index.refs-lock.json").exists()


def test_offline_fetch_says_so_and_writes_nothing(tmp_path, capsys, services, monkeypatch):
    services.offline = True
    src = source(tmp_path, "# A\n\nOne [@pmid:32577835].\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = medprint(capsys, "refs", "fetch", src)
    assert code == 1 and "are you offline?" in out and "[refs.unreachable]" in out
    assert not src.with_name("index.refs-lock.json").exists()


def test_fetching_a_retracted_work_is_an_error(tmp_path, capsys, services, monkeypatch):
    src = source(tmp_path, "# A\n\nA trial [@pmid:99000001].\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = medprint(capsys, "refs", "fetch", src)
    assert code == 1
    assert "pmid:99000001 has been retracted: Retraction in: J Fict Gastroenterol. 2021;9(1):1" in out


def test_build_and_release_never_import_the_network_code(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from medprint.boundary import run_cli; from medprint.cli import cli; "
            f"rc = run_cli(cli, ['build', {str(Path(__file__).parents[2] / 'sources' / 'gut-microbiome-immunotherapy')!r}, "
            f"'--to', 'html', '-o', {str(tmp_path)!r}]); "
            "assert rc == 0, rc; bad = [m for m in sys.modules if m.startswith('medprint.remote') or m == 'httpx']; "
            "assert not bad, bad")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == 0, proc.stderr


def test_release_manifest_records_the_lock_file(tmp_path, capsys, services, monkeypatch):
    from medprint.release.release import make_release

    src = source(tmp_path, BODY)
    text = src.read_text().replace("lang: en-US\n", "lang: en-US\nversion: \"1.0\"\nreview:\n  statement: Reviewed\n"
                                   "  reviewed: 2025-01-15\n  next-review: 2099-01-01\n")
    src.write_text(text)
    monkeypatch.chdir(tmp_path)
    assert medprint(capsys, "refs", "fetch", src)[0] == 0
    result = make_release("1.0", [tmp_path / "sources"], root=tmp_path, out_dir=tmp_path / "output", jobs=1,
                          formats=("html",))
    [doc] = result.manifest.documents
    lock = "sources/handout/index.refs-lock.json"
    assert lock in doc.inputs and len(doc.inputs[lock]) == 64


def test_nocite_identifiers_are_fetched_and_listed(tmp_path, capsys, services, monkeypatch):
    src = source(tmp_path, "# A\n\nNo citation in the text.\n")
    src.write_text(src.read_text().replace("lang: en-US\n", "lang: en-US\nnocite: \"@pmid:36153786\"\n"))
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "refs", "fetch", src)
    assert code == 0 and "1 of 1 resolved" in err
    code, _, err = medprint(capsys, "build", src, "--to", "html", "-o", tmp_path / "out")
    assert code == 0, err
    assert "Dermatology and Therapy" in (tmp_path / "out" / "handout.html").read_text()
