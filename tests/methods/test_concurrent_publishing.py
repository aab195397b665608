"""Two publishers at once, in real database transactions."""

import threading

import pytest
from django.db import connection

from methods.models import Method
from methods.publishing import publish
from tests.builders import make_published


@pytest.mark.django_db(transaction=True)
def test_concurrent_publishing_keeps_version_numbers_unique_and_gapless():
    method = make_published(slug="busy-entry", field=None, family=None).method
    start = threading.Barrier(3)
    errors: list[Exception] = []

    def publish_in_own_transaction() -> None:
        try:
            start.wait()
            publish(Method.objects.get(pk=method.pk))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish_in_own_transaction) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(method.versions.values_list("number", flat=True)) == [1, 2, 3, 4]
