"""Plays the recorded responses in recorded/ through httpx's MockTransport, as the services would answer."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

DATA = Path(__file__).parent / "recorded"
EFETCH_HEAD = ('<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN"'
               ' "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n')


def _doi_file(folder: str, doi: str) -> Path:
    return DATA / folder / (doi.lower().replace("/", "_") + ".json")


class Services:
    """A MockTransport handler; ``log`` lists every request, ``fail`` maps a host to statuses to answer first."""

    def __init__(self, *, offline: bool = False) -> None:
        self.log: list[httpx.Request] = []
        self.offline = offline
        self.fail: dict[str, list[int]] = {}

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.log.append(request)
        host, path, params = request.url.host, request.url.path, request.url.params
        if self.offline:
            raise httpx.ConnectError("no route to host", request=request)
        if self.fail.get(host):
            return httpx.Response(self.fail[host].pop(0), headers={"Retry-After": "1"})
        if host == "eutils.ncbi.nlm.nih.gov" and path.endswith("/efetch.fcgi"):
            parts = [(DATA / "pubmed" / f"{pmid}.xml") for pmid in params["id"].split(",")]
            body = "".join(p.read_text() for p in parts if p.is_file())
            return httpx.Response(200, content=(EFETCH_HEAD + f"<PubmedArticleSet>{body}</PubmedArticleSet>").encode())
        if host == "pmc.ncbi.nlm.nih.gov" and "/idconv/" in path:
            records = []
            for pmcid in params["ids"].split(","):
                file = DATA / "idconv" / f"{pmcid.upper()}.json"
                records.append(json.loads(file.read_text()) if file.is_file() else
                               {"pmcid": pmcid, "status": "error", "errmsg": "invalid article id"})
            return httpx.Response(200, json={"status": "ok", "responseDate": "2026-12-04 00:00:00",
                                             "request": f"ids={params['ids']};format=json", "records": records})
        if host == "api.crossref.org" and path == "/works":
            dois = [d.removeprefix("doi:") for d in params["filter"].split(",")]
            items = [json.loads(_doi_file("crossref", d).read_text()) for d in dois if _doi_file("crossref", d).is_file()]
            return httpx.Response(200, json={"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                                             "message": {"items": items, "total-results": len(items)}})
        if host == "api.datacite.org" and path.startswith("/dois/"):
            file = _doi_file("datacite", path.removeprefix("/dois/"))
            if file.is_file():
                return httpx.Response(200, content=file.read_bytes(),
                                      headers={"Content-Type": "application/vnd.citationstyles.csl+json"})
            return httpx.Response(404, json={"errors": [{"status": "404", "title": "The resource you are looking for "
                                                                                   "doesn't exist."}]})
        return httpx.Response(404)
