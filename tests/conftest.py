import pytest
from django.core.cache import cache

from methods import freshness
from methods.catalogue import load_catalogue
from tests.builders import load_reference_catalogue


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the reference entries, loaded once."""
    with django_db_blocker.unblock():
        load_reference_catalogue()


@pytest.fixture(autouse=True)
def empty_cache(monkeypatch):
    """Rendered pages and names are kept under the catalogue generation,
    which a test's rollback rewinds: each test starts with nothing kept, and
    reads the generation afresh on every request."""
    cache.clear()
    freshness.forget_kept()
    monkeypatch.setattr(freshness, "GENERATION_TTL", 0.0)


@pytest.fixture
def shipped_catalogue(db):
    """The whole curated catalogue of fixtures/, for tests about it."""
    load_catalogue()
