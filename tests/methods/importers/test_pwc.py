"""Importing the Papers with Code dump, quirk by quirk."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from methods.importers import ImportFailed
from methods.importers.merge import import_records
from methods.importers.pwc import read_pwc, readable_summary
from methods.models import Method, MethodVersion, Status
from tests.methods.importers.helpers import pwc_record, write_pwc

pytestmark = pytest.mark.django_db

ACCESSED = datetime.date(2026, 12, 1)


def run(tmp_path, records, **options):
    parsed, taxa = read_pwc(write_pwc(tmp_path, records), accessed=ACCESSED)
    return import_records(parsed, taxa=taxa, source="Papers with Code", **options)


def stored(slug: str) -> Method:
    return Method.objects.get(slug=slug)


def test_a_record_becomes_a_draft_entry_with_its_attribution(tmp_path):
    report = run(tmp_path, [pwc_record("fancy-norm")])

    method = stored("fancy-norm")
    assert report.created == ["fancy-norm"]
    assert method.status == Status.DRAFT
    assert not MethodVersion.objects.filter(method=method).exists()
    assert method.licence == "CC BY-SA 4.0"
    assert "Papers with Code" in method.attribution
    assert method.sources.get().url == "https://paperswithcode.com/method/fancy-norm"


def test_publish_makes_the_first_version_with_the_attribution_on_the_card(tmp_path):
    from methods.cards import latest_cards

    run(tmp_path, [pwc_record("fancy-norm")], publish_entries=True)

    card = latest_cards(["fancy-norm"], "en")["fancy-norm"]
    assert card.version == 1
    assert card.licence == "CC BY-SA 4.0"
    assert "paperswithcode.com/method/fancy-norm" in card.attribution


def test_the_placeholder_year_2000_is_ignored_for_the_arxiv_year(tmp_path):
    run(tmp_path, [pwc_record("fancy-norm", introduced_year=2000)])

    method = stored("fancy-norm")
    reference = method.references.get()
    assert method.origin_year == 2019
    assert (reference.doi, reference.year) == ("10.48550/arXiv.1908.01259", 2019)
    assert reference.url == "https://arxiv.org/abs/1908.01259"


def test_without_arxiv_a_placeholder_year_leaves_the_year_empty(tmp_path):
    run(
        tmp_path,
        [pwc_record("old-way", source_url="https://example.org/paper.pdf")],
    )

    method = stored("old-way")
    assert method.origin_year is None
    assert method.references.get().url == "https://example.org/paper.pdf"


def test_a_real_introduced_year_is_kept(tmp_path):
    run(
        tmp_path,
        [pwc_record("sgd-like", introduced_year=1951, source_url=None, paper=None)],
    )

    assert stored("sgd-like").origin_year == 1951
    assert not stored("sgd-like").references.exists()


def test_a_null_full_name_falls_back_to_the_name(tmp_path):
    run(tmp_path, [pwc_record("self-teaching", name="Self-Teaching", full_name=None)])

    assert stored("self-teaching").name_en == "Self-Teaching"
    assert not stored("self-teaching").aliases.exists()


def test_a_differing_short_name_becomes_an_alias(tmp_path):
    run(
        tmp_path,
        [pwc_record("fsaf", name="FSAF", full_name="Feature Selective Anchor-Free")],
    )

    method = stored("fsaf")
    assert method.name_en == "Feature Selective Anchor-Free"
    assert list(method.aliases.values_list("name", "language")) == [("FSAF", "en")]


def test_an_empty_description_gives_an_empty_summary(tmp_path):
    run(tmp_path, [pwc_record("quiet", description="")])

    assert stored("quiet").summary_en == ""


def test_latex_in_a_name_is_unwrapped(tmp_path):
    run(tmp_path, [pwc_record("pangu-a", name="PanGu-$α$", full_name="PanGu-$α$")])

    assert stored("pangu-a").name_en == "PanGu-α"


def test_markdown_is_undone_and_latex_kept_as_written():
    summary = readable_summary(
        "**PanGu-$α$** uses [GLU](https://paperswithcode.com/method/glu) and "
        '<span class="x">$a_{t} * b_{t}$</span>.\r\n\r\n\r\n![figure](f.png)$$ x^2 $$'
    )

    assert summary == "PanGu-$α$ uses GLU and $a_{t} * b_{t}$.\n\n$$ x^2 $$"


def test_a_summary_with_html_is_shown_as_text_not_markup(tmp_path, client):
    run(
        tmp_path,
        [pwc_record("risky", description="Safe <script>alert(1)</script> text")],
        publish_entries=True,
    )

    response = client.get("/en/methods/risky/")

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_the_same_full_name_under_two_slugs_is_merged_into_one_entry(tmp_path):
    report = run(
        tmp_path,
        [
            pwc_record("rescal", name="RESCAL", full_name="RESCAL"),
            pwc_record(
                "rescal-rp", name="RESCAL-RP", full_name="RESCAL", description=""
            ),
        ],
    )

    assert report.created == ["rescal"]
    assert not Method.objects.filter(slug="rescal-rp").exists()
    method = stored("rescal")
    assert "RESCAL-RP" in method.aliases.values_list("name", flat=True)
    assert method.sources.count() == 2


def test_multiple_collections_take_the_first_as_family_and_its_area_as_field(tmp_path):
    collections = [
        {"collection": "Attention Modules", "area_id": "general", "area": "General"},
        {
            "collection": "Image Models",
            "area_id": "computer-vision",
            "area": "Computer Vision",
        },
    ]
    run(tmp_path, [pwc_record("many", collections=collections)])

    method = stored("many")
    assert (method.family.slug, method.family.name_en) == (
        "attention-modules",
        "Attention Modules",
    )
    assert (method.field.slug, method.field.name_en) == ("general", "General")


def test_no_collection_leaves_field_and_family_empty(tmp_path):
    run(tmp_path, [pwc_record("loose", collections=[])])

    assert (stored("loose").field, stored("loose").family) == (None, None)


def test_an_existing_family_is_reused_by_its_name(tmp_path):
    collections = [
        {"collection": "Generative Models", "area_id": "general", "area": "General"}
    ]
    run(tmp_path, [pwc_record("gen-thing", collections=collections)])

    assert stored("gen-thing").family.slug == "generative-models"


def test_cross_links_become_symmetric_related_entries(tmp_path):
    report = run(
        tmp_path,
        [
            pwc_record(
                "geglu",
                description="A variant of [GLU](https://paperswithcode.com/method/glu) and [X](/method/nowhere).",
            ),
            pwc_record("glu"),
        ],
    )

    assert list(stored("geglu").related.values_list("slug", flat=True)) == ["glu"]
    assert list(stored("glu").related.values_list("slug", flat=True)) == ["geglu"]
    assert report.links_dropped == 1


def test_non_ascii_names_keep_their_letters_and_get_ascii_slugs(tmp_path):
    run(
        tmp_path,
        [
            pwc_record(
                "nystromformer", name="Nyströmformer", full_name="Nyströmformer"
            ),
            pwc_record("dall-e-2", name="DALL·E 2", full_name="DALL·E 2"),
        ],
    )

    assert stored("nystromformer").name_en == "Nyströmformer"
    assert stored("dall-e-2").name_en == "DALL·E 2"


def test_a_record_matching_a_curated_name_merges_and_keeps_the_curated_text(
    shipped_catalogue, tmp_path
):
    curated = stored("dropout")
    summary = curated.summary_en

    report = run(
        tmp_path,
        [
            pwc_record(
                "dropout-pwc",
                name="Dropout",
                full_name="Dropout",
                description="Other words.",
            )
        ],
    )

    curated.refresh_from_db()
    assert report.merged == ["dropout"] and report.created == []
    assert curated.summary_en == summary
    assert curated.status == Status.DRAFT
    assert any("summary (en) differs" in c for c in report.conflicts)
    assert curated.attribution == ""


def test_matching_ignores_case_accents_and_punctuation(shipped_catalogue, tmp_path):
    report = run(
        tmp_path,
        [pwc_record("drop-out", name="DROP-OUT", full_name="Dröp out")],
    )

    assert report.merged == ["dropout"]


def test_a_bad_record_imports_nothing_and_is_named(tmp_path):
    records = [pwc_record("fine"), {"url": "https://example.org/nope", "name": "Bad"}]

    with pytest.raises(
        ImportFailed, match=r"record 2: .*not a Papers with Code method link"
    ):
        run(tmp_path, records)

    assert not Method.objects.filter(slug="fine").exists()


def test_the_command_reports_and_dry_run_writes_nothing(tmp_path, capsys):
    path = write_pwc(tmp_path, [pwc_record("fancy-norm")])

    call_command("import_methods", "pwc", str(path), "--dry-run")

    out = capsys.readouterr().out
    assert "Would import: 1 created, 0 updated, 0 merged" in out
    assert not Method.objects.filter(slug="fancy-norm").exists()


def test_the_command_refuses_a_broken_file_clearly(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("[{", encoding="utf-8")

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_methods", "pwc", str(path))


def test_importing_twice_changes_nothing_the_second_time(tmp_path):
    records = [pwc_record("glu"), pwc_record("geglu", description="[GLU](/method/glu)")]
    run(tmp_path, records)

    report = run(tmp_path, records)

    assert report.created == report.updated == report.merged == []
    assert report.unchanged == ["geglu", "glu"]
