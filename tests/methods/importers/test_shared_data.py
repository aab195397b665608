"""The real public files in ../shared/data, imported into the shipped catalogue.

Slow-ish (about 45 s on an idle machine), so one test covers both files; it is skipped
where the folder is absent, as in a fresh clone.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from methods.models import Method

DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
PWC = DATA / "pwc-methods-2024-03.json"
AIO = DATA / "aio-2026-07-22.obo"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (PWC.exists() and AIO.exists()), reason="../shared/data is absent"
    ),
]


def test_both_public_files_import_into_the_shipped_catalogue(shipped_catalogue, capsys):
    call_command("import_methods", "pwc", str(PWC), verbosity=0)
    call_command("import_methods", "obo", str(AIO), verbosity=0)

    summaries = capsys.readouterr().out.splitlines()
    assert summaries[0].startswith("Imported: 2148 created, 17 updated, 14 merged")
    assert summaries[1].startswith("Imported: 410 created")
    assert Method.objects.count() == 165 + 2148 + 410
    assert Method.objects.get(slug="pangu-a").name_en == "PanGu-α"
    assert Method.objects.get(slug="dropout").name_zh == "随机失活"
