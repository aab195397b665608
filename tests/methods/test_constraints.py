"""Constraints that protect data hold in the database, not only in forms."""

import pytest
from django.db import IntegrityError, connection, transaction

from methods.models import Alias, Method, MethodVersion, Reference
from tests.builders import make_method

pytestmark = pytest.mark.django_db


def raw_insert_refused(sql: str, params: list) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except IntegrityError:
        return True
    return False


def test_duplicate_slug_is_refused_and_nothing_changes():
    count = Method.objects.count()

    with pytest.raises(IntegrityError), transaction.atomic():
        Method.objects.create(slug="transfer-learning", name_en="Another")

    assert Method.objects.count() == count
    assert Method.objects.get(slug="transfer-learning").name_en == "Transfer Learning"


def test_slug_must_be_lowercase_words_and_dashes():
    with pytest.raises(IntegrityError), transaction.atomic():
        Method.objects.create(slug="Bad Slug", name_en="Bad")

    assert not Method.objects.filter(name_en="Bad").exists()


def test_same_alias_twice_in_one_language_is_refused_case_insensitively():
    method = Method.objects.get(slug="transfer-learning")
    aliases = list(method.aliases.values_list("name", flat=True))

    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(method=method, name="tl", language="en")

    assert list(method.aliases.values_list("name", flat=True)) == aliases


def test_same_alias_in_another_language_is_allowed():
    method = Method.objects.get(slug="transfer-learning")

    Alias.objects.create(method=method, name="TL", language="de")

    assert method.aliases.filter(name="TL").count() == 2


def test_malformed_doi_is_refused_by_the_database():
    method = Method.objects.get(slug="transfer-learning")

    refused = raw_insert_refused(
        "INSERT INTO methods_reference (method_id, position, authors, title, venue,"
        " volume, issue, pages, doi, url) VALUES (%s, 9, 'A', 'T', '', '', '', '',"
        " 'not-a-doi', '')",
        [method.pk],
    )

    assert refused
    assert method.references.count() == 1


@pytest.mark.parametrize(
    "typed",
    [
        "10.1109/TKDE.2009.191",
        "https://doi.org/10.1109/TKDE.2009.191",
        "http://dx.doi.org/10.1109/TKDE.2009.191",
        "doi:10.1109/TKDE.2009.191",
        "DOI: 10.1109/TKDE.2009.191 ",
    ],
)
def test_doi_is_stored_bare_whatever_form_is_typed(typed):
    method = make_method()

    reference = Reference.objects.create(
        method=method, authors="A", title="T", doi=typed
    )

    reference.refresh_from_db()
    assert reference.doi == "10.1109/TKDE.2009.191"


def test_reference_needs_a_doi_or_a_link():
    method = make_method()

    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.create(method=method, authors="A", title="T")

    assert method.references.count() == 1


def test_unknown_status_is_refused():
    method = Method.objects.get(slug="transfer-learning")

    with pytest.raises(IntegrityError), transaction.atomic():
        Method.objects.filter(pk=method.pk).update(status="approved")

    method.refresh_from_db()
    assert method.status == "published"


def test_version_status_is_published_or_retracted():
    version = MethodVersion.objects.get(method__slug="transfer-learning")

    refused = raw_insert_refused(
        "INSERT INTO methods_methodversion (method_id, number, status, content,"
        " change_note, published_at, retraction_reason) VALUES (%s, 9, 'draft',"
        " '{}', '', now(), '')",
        [version.method_id],
    )

    assert refused


def test_an_entry_cannot_be_related_to_itself():
    method = Method.objects.get(slug="transfer-learning")

    with pytest.raises(IntegrityError), transaction.atomic():
        method.related.add(method)

    assert method.related.count() == 3


def test_related_links_are_symmetric():
    one = make_method(slug="one")
    two = make_method(slug="two")

    one.related.add(two)

    assert list(two.related.all()) == [one]
