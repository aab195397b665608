import pytest

from methods.catalogue import load_catalogue
from tests.builders import load_reference_catalogue


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the reference entries, loaded once."""
    with django_db_blocker.unblock():
        load_reference_catalogue()


@pytest.fixture
def shipped_catalogue(db):
    """The whole curated catalogue of fixtures/, for tests about it."""
    load_catalogue()
