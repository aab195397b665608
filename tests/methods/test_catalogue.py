"""The shipped catalogue loads, and loading it twice changes nothing."""

import json
from pathlib import Path

import pytest

from methods.catalogue import CatalogueError, load_catalogue
from methods.models import Alias, Method, MethodVersion, Reference, Source

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "methods": list(
            Method.objects.values_list("id", "slug", "status", "updated_at")
        ),
        "versions": list(MethodVersion.objects.values_list("id", "number")),
        "aliases": list(Alias.objects.values_list("id", flat=True)),
        "references": list(Reference.objects.values_list("id", flat=True)),
        "sources": list(Source.objects.values_list("id", flat=True)),
    }


def test_loading_the_catalogue_twice_changes_nothing():
    first = load_catalogue()
    before = snapshot()

    report = load_catalogue()

    assert len(first.created) + len(first.unchanged) >= 160
    assert report.created == [] and report.updated == []
    assert snapshot() == before


@pytest.mark.parametrize(
    ("slug", "sources", "related"),
    [
        ("multitask-learning", 1, 3),
        ("knowledge-distillation", 2, 5),
        ("transfer-learning", 2, 3),
    ],
)
def test_reference_entries_are_v1_published(slug, sources, related):
    version = MethodVersion.objects.get(method__slug=slug)

    assert (version.number, version.status) == (1, "published")
    assert len(version.content["sources"]) == sources
    assert len(version.content["related"]) == related


def write_catalogue(tmp_path: Path, entries: list[dict]) -> Path:
    (tmp_path / "taxonomy").mkdir()
    (tmp_path / "methods").mkdir()
    (tmp_path / "taxonomy" / "t.json").write_text(
        json.dumps({"fields": [], "families": []})
    )
    (tmp_path / "methods" / "m.json").write_text(json.dumps(entries))
    return tmp_path


def test_a_changed_entry_is_published_as_its_next_version(tmp_path):
    from tests.builders import entry

    directory = write_catalogue(tmp_path, [entry(slug="changing")])
    load_catalogue(directory)
    write_catalogue_again = entry(slug="changing", proposers="Someone Else")
    (directory / "methods" / "m.json").write_text(json.dumps([write_catalogue_again]))

    load_catalogue(directory)

    versions = MethodVersion.objects.filter(method__slug="changing")
    assert sorted(versions.values_list("number", flat=True)) == [1, 2]
    assert versions.get(number=2).content["proposers"] == "Someone Else"


def test_a_bad_record_loads_nothing_and_names_the_entry(tmp_path):
    from tests.builders import entry

    bad = entry(
        slug="bad-doi", references=[{"authors": "A", "title": "T", "doi": "nope"}]
    )
    directory = write_catalogue(tmp_path, [entry(slug="fine"), bad])

    with pytest.raises(CatalogueError, match="bad-doi"):
        load_catalogue(directory)

    assert not Method.objects.filter(slug__in=["fine", "bad-doi"]).exists()


def test_one_sided_related_links_are_refused(tmp_path):
    from tests.builders import entry

    directory = write_catalogue(
        tmp_path, [entry(slug="a", related=["b"]), entry(slug="b")]
    )

    with pytest.raises(CatalogueError, match="does not link back"):
        load_catalogue(directory)


def test_an_entry_an_editor_published_is_not_overwritten():
    from django.contrib.auth.models import Group, User

    from methods.publishing import publish

    reviewer = User.objects.create_user("rev", password="a-long-password-1")
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    method = Method.objects.get(slug="fitnets")
    method.proposers = "Corrected by an editor"
    method.save()
    publish(method, user=reviewer, note="Fixed the proposers.")

    report = load_catalogue()

    assert "fitnets" in report.kept
    latest = MethodVersion.objects.filter(method=method).order_by("-number").first()
    assert latest.content["proposers"] == "Corrected by an editor"


def test_a_draft_in_progress_is_not_overwritten():
    method = Method.objects.get(slug="fitnets")
    method.proposers = "Work in progress"
    method.status = "draft"
    method.save()

    report = load_catalogue()

    assert "fitnets" not in report.updated
    method.refresh_from_db()
    assert method.proposers == "Work in progress"
