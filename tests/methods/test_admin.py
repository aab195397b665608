"""Editors keep the catalogue right in the admin."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from methods.models import Method, MethodFamily, MethodVersion, ResearchField

pytestmark = pytest.mark.django_db


def staff(username: str, group: str) -> User:
    user = User.objects.create_user(
        username, password=f"{username}-long-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(client):
    user = staff("editor", "Editors")
    client.force_login(user)
    return user


@pytest.fixture
def reviewer(client):
    user = staff("reviewer", "Reviewers")
    client.force_login(user)
    return user


def inline_management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def method_form(method: Method, **overrides) -> dict:
    data = {
        "slug": method.slug,
        "name_en": method.name_en,
        "name_zh": method.name_zh or "",
        "method_type_en": method.method_type_en,
        "method_type_zh": "",
        "summary_en": method.summary_en,
        "summary_zh": "",
        "origin_year_text_en": method.origin_year_text_en,
        "origin_year_text_zh": "",
        "proposers": method.proposers,
        "field": method.field_id,
        "family": method.family_id,
        "related": [m.pk for m in method.related.all()],
        "expected_revision": method.revision,
        **inline_management("aliases"),
        **inline_management("references"),
        **inline_management("sources"),
        **inline_management("versions"),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", [Method, ResearchField, MethodFamily, MethodVersion])
def test_editor_sees_the_list_of_each_model(client, editor, model):
    url = reverse(f"admin:methods_{model._meta.model_name}_changelist")

    response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model", "slug"),
    [
        (Method, "transfer-learning"),
        (ResearchField, "deep-learning"),
        (MethodFamily, "machine-learning"),
    ],
)
def test_editor_opens_an_entry_page_of_each_model(client, editor, model, slug):
    obj = model.objects.get(slug=slug)
    url = reverse(f"admin:methods_{model._meta.model_name}_change", args=[obj.pk])

    response = client.get(url)

    assert response.status_code == 200


def test_entry_page_has_inlines_for_aliases_references_and_sources(client, editor):
    method = Method.objects.get(slug="transfer-learning")

    response = client.get(reverse("admin:methods_method_change", args=[method.pk]))

    for inline in [
        "aliases-TOTAL_FORMS",
        "references-TOTAL_FORMS",
        "sources-TOTAL_FORMS",
    ]:
        assert inline in response.content.decode()


def test_search_finds_entries_by_alias_and_chinese_name(client, editor):
    url = reverse("admin:methods_method_changelist")

    by_alias = client.get(url, {"q": "bilgi damıtma"})
    by_chinese = client.get(url, {"q": "迁移"})

    assert "knowledge-distillation" in by_alias.content.decode()
    assert "transfer-learning" in by_chinese.content.decode()


def test_editor_changes_an_entry_and_it_becomes_a_draft(client, editor):
    method = Method.objects.get(slug="fitnets")
    url = reverse("admin:methods_method_change", args=[method.pk])

    response = client.post(url, method_form(method, proposers="Romero, A. et al."))

    assert response.status_code == 302
    method.refresh_from_db()
    assert method.proposers == "Romero, A. et al."
    assert method.status == "draft"
    assert (
        MethodVersion.objects.get(method=method)
        .content["proposers"]
        .startswith("Romero, A., Ballas")
    )


def test_a_bad_doi_in_the_admin_is_explained_and_nothing_is_saved(client, editor):
    method = Method.objects.get(slug="fitnets")
    url = reverse("admin:methods_method_change", args=[method.pk])
    data = method_form(
        method,
        **inline_management("references", total=1),
        **{
            "references-0-authors": "A",
            "references-0-title": "T",
            "references-0-doi": "doi:banana",
            "references-0-position": "1",
        },
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "is not a DOI" in response.content.decode()
    assert method.references.count() == 1


def test_the_same_alias_twice_in_one_form_is_explained(client, editor):
    method = Method.objects.get(slug="fitnets")
    method.aliases.all().delete()
    url = reverse("admin:methods_method_change", args=[method.pk])
    data = method_form(
        method,
        **inline_management("aliases", total=2),
        **{
            "aliases-0-name": "Hints",
            "aliases-0-language": "en",
            "aliases-0-position": "0",
            "aliases-1-name": "hints",
            "aliases-1-language": "en",
            "aliases-1-position": "1",
        },
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "listed twice" in response.content.decode()
    assert method.aliases.count() == 0


def test_publish_action_creates_the_next_version(client, reviewer):
    method = Method.objects.get(slug="fitnets")

    client.post(
        reverse("admin:methods_method_changelist"),
        {"action": "publish_selected", "_selected_action": [method.pk]},
    )

    assert list(method.versions.values_list("number", flat=True)) == [2, 1]


def test_published_versions_cannot_be_changed_in_the_admin(client, editor):
    version = MethodVersion.objects.get(method__slug="fitnets")

    response = client.post(
        reverse("admin:methods_methodversion_change", args=[version.pk]), {}
    )

    assert response.status_code == 403


def test_editors_are_not_offered_the_publish_action(client, editor):
    response = client.get(reverse("admin:methods_method_changelist"))

    content = response.content.decode()
    assert "submit_selected" in content
    assert "publish_selected" not in content


def test_editor_submits_a_draft_for_review(client, editor):
    method = Method.objects.get(slug="fitnets")
    Method.objects.filter(pk=method.pk).update(status="draft")

    client.post(
        reverse("admin:methods_method_changelist"),
        {"action": "submit_selected", "_selected_action": [method.pk]},
    )

    method.refresh_from_db()
    assert method.status == "in_review"


def test_the_second_of_two_editors_saving_the_same_entry_is_told(client, editor):
    method = Method.objects.get(slug="fitnets")
    url = reverse("admin:methods_method_change", args=[method.pk])
    first = method_form(method, proposers="First editor's change")
    second = method_form(method, proposers="Second editor's change")

    client.post(url, first)
    response = client.post(url, second)

    assert response.status_code == 200
    assert (
        "Someone else changed this entry since you opened it"
        in response.content.decode()
    )
    method.refresh_from_db()
    assert method.proposers == "First editor's change"


def test_reviewer_retracts_a_version_with_a_reason(client, reviewer):
    version = MethodVersion.objects.get(method__slug="fitnets")
    url = reverse("admin:methods_methodversion_retract", args=[version.pk])

    response = client.post(url, {"reason": "The venue was wrong."})

    assert response.status_code == 302
    version.refresh_from_db()
    assert (version.status, version.retraction_reason) == (
        "retracted",
        "The venue was wrong.",
    )


def test_editors_cannot_retract(client, editor):
    version = MethodVersion.objects.get(method__slug="fitnets")
    url = reverse("admin:methods_methodversion_retract", args=[version.pk])

    response = client.post(url, {"reason": "No."})

    assert response.status_code == 403
    version.refresh_from_db()
    assert version.status == "published"


def test_retraction_needs_a_reason(client, reviewer):
    version = MethodVersion.objects.get(method__slug="fitnets")
    url = reverse("admin:methods_methodversion_retract", args=[version.pk])

    response = client.post(url, {"reason": "  "})

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    version.refresh_from_db()
    assert version.status == "published"
