import pytest

from methods.catalogue import load_catalogue


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the shipped catalogue, loaded once."""
    with django_db_blocker.unblock():
        load_catalogue()
