"""Small hand-made source files, one quirk at a time."""

import json
from pathlib import Path
from typing import Any


def pwc_record(slug: str, **overrides: Any) -> dict[str, Any]:
    record = {
        "url": f"https://paperswithcode.com/method/{slug}",
        "name": slug.replace("-", " ").title(),
        "full_name": slug.replace("-", " ").title(),
        "description": f"**{slug}** is a method made up for the tests.",
        "paper": {
            "title": "A made-up paper",
            "url": "https://paperswithcode.com/paper/x",
        },
        "introduced_year": 2000,
        "source_url": "https://arxiv.org/abs/1908.01259v3",
        "source_title": "A made-up paper",
        "code_snippet_url": None,
        "num_papers": 1,
        "collections": [
            {"collection": "Normalization", "area_id": "general", "area": "General"}
        ],
    }
    record.update(overrides)
    return record


def write_pwc(tmp_path: Path, records: list) -> Path:
    path = tmp_path / "methods.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


OBO_HEADER = """format-version: 1.2
data-version: https://w3id.org/aio/releases/2026-07-22/aio.owl
ontology: https://w3id.org/aio/aio.owl

"""


def write_obo(tmp_path: Path, stanzas: str) -> Path:
    path = tmp_path / "aio.obo"
    path.write_text(OBO_HEADER + stanzas, encoding="utf-8")
    return path
