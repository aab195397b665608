"""Importing the Artificial Intelligence Ontology from its OBO file."""

import datetime

import pytest

from methods.importers import ImportFailed
from methods.importers.merge import import_records
from methods.importers.obo import read_obo
from methods.models import Method
from tests.methods.importers.helpers import write_obo

pytestmark = pytest.mark.django_db

STANZAS = """[Term]
id: aio:PoolingLayer
name: Pooling Layer
def: "A layer that summarises neighbouring values." []

[Term]
id: aio:AdaptiveAvgPool1DLayer
name: AdaptiveAvgPool1D Layer
def: "A pooling layer that averages adaptively." [https://pytorch.org/docs/stable/nn.html#pooling-layers]
synonym: "AdaptiveAvgPool1D" EXACT []
synonym: "adaptive pooling" RELATED []
is_a: aio:PoolingLayer ! Pooling Layer

[Typedef]
id: BFO:0000050
name: part of
"""


def run(tmp_path, stanzas=STANZAS):
    records = read_obo(
        write_obo(tmp_path, stanzas), accessed=datetime.date(2026, 12, 1)
    )
    return import_records(records, source="AIO")


def test_terms_become_entries_with_definitions_and_their_sources(tmp_path):
    report = run(tmp_path)

    method = Method.objects.get(slug="adaptiveavgpool1d-layer")
    assert sorted(report.created) == ["adaptiveavgpool1d-layer", "pooling-layer"]
    assert method.summary_en == "A pooling layer that averages adaptively."
    assert list(method.sources.values_list("url", flat=True)) == [
        "https://w3id.org/aio/AdaptiveAvgPool1DLayer",
        "https://pytorch.org/docs/stable/nn.html#pooling-layers",
    ]
    assert method.licence == "CC BY 4.0"
    assert "2026-07-22" in method.attribution


def test_exact_synonyms_are_aliases_and_related_ones_are_not(tmp_path):
    run(tmp_path)

    aliases = Method.objects.get(slug="adaptiveavgpool1d-layer").aliases
    assert list(aliases.values_list("name", "language")) == [
        ("AdaptiveAvgPool1D", "en")
    ]


def test_is_a_links_child_and_parent_both_ways(tmp_path):
    run(tmp_path)

    parent = Method.objects.get(slug="pooling-layer")
    assert list(parent.related.values_list("slug", flat=True)) == [
        "adaptiveavgpool1d-layer"
    ]


def test_a_term_without_a_name_imports_nothing(tmp_path):
    with pytest.raises(ImportFailed, match=r"line 5 \(aio:Nameless\)"):
        run(tmp_path, "[Term]\nid: aio:Nameless\n\n" + STANZAS)

    assert not Method.objects.filter(slug="pooling-layer").exists()
