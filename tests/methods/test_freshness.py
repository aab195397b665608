"""Values kept per catalogue generation, and the generation itself."""

import pytest

from methods import freshness
from methods.models import CatalogueGeneration
from tests.builders import make_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def generation(monkeypatch) -> list[int]:
    """The generation requests see, set by the test."""
    current = [1]
    monkeypatch.setattr(freshness, "catalogue_generation", lambda: current[0])
    return current


def test_a_value_is_computed_once_per_generation(generation):
    computed = []

    def compute() -> int:
        computed.append(generation[0])
        return len(computed)

    first = freshness.kept("answer", compute)
    again = freshness.kept("answer", compute)
    generation[0] = 2
    after_a_change = freshness.kept("answer", compute)

    assert (first, again, after_a_change) == (1, 1, 2)
    assert computed == [1, 2]


def test_a_request_of_an_older_generation_keeps_nothing_and_disturbs_nothing(
    generation,
):
    generation[0] = 5
    freshness.kept("names", lambda: "current names")

    generation[0] = 4  # a request that began before the change
    older = freshness.kept("names", lambda: "names as they were")
    generation[0] = 5
    current = freshness.kept("names", lambda: "computed again")

    assert older == "names as they were"
    assert current == "current names"


def test_generation_numbers_never_come_back_after_the_row_is_removed():
    before = CatalogueGeneration.objects.get().number
    CatalogueGeneration.objects.all().delete()  # as a flush does

    make_published(slug="after-a-flush")

    assert CatalogueGeneration.objects.get().number > before


def test_an_edited_template_is_a_new_release_under_the_development_server(
    settings, tmp_path
):
    # runserver reloads for Python changes only; templates change under it.
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir()
    template.write_text("<p>before</p>")
    before = freshness.release()

    template.write_text("<p>after, and longer</p>")

    assert freshness.release() != before
