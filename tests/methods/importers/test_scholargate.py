"""Our own export format: the whole catalogue out, and back in unchanged."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from methods.models import Method, MethodFamily, MethodVersion, ResearchField
from tests.builders import make_method, make_published

pytestmark = pytest.mark.django_db


def wipe() -> None:
    """Empty the catalogue; published versions refuse row deletes, not TRUNCATE."""
    tables = [
        model._meta.db_table
        for model in (MethodVersion, Method, ResearchField, MethodFamily)
    ]
    with connection.cursor() as cursor:
        # Deferred foreign-key checks of this test's own writes run first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def test_export_wipe_import_export_gives_the_same_file(tmp_path, shipped_catalogue):
    make_published(slug="twice-published", related=[])
    make_method(slug="only-a-draft")
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    call_command("export_methods", str(first), verbosity=0)

    wipe()
    call_command("import_methods", "scholargate", str(first), verbosity=0)
    call_command("export_methods", str(second), verbosity=0)

    assert second.read_text() == first.read_text()
    assert Method.objects.count() == 167


def test_the_export_holds_every_version_and_both_languages(shipped_catalogue, tmp_path):
    path = tmp_path / "out.jsonl"

    call_command("export_methods", str(path), verbosity=0)

    text = path.read_text()
    assert '"type": "method"' in text and "支持向量机" in text
    assert text.count('"type": "method"') == 165


def test_a_file_that_is_not_an_export_is_refused(tmp_path):
    path = tmp_path / "other.jsonl"
    path.write_text('{"type": "something"}\n')

    with pytest.raises(CommandError, match="line 1: not a scholargate-catalogue file"):
        call_command("import_methods", "scholargate", str(path))
