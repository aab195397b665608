from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Func, TextField


class Fold(Func):
    function = "scholargate_fold"
    output_field = TextField()


# A frozen copy of methods.search.index_rows at the time of this migration.


def fill_search_index(apps, schema_editor):
    MethodVersion = apps.get_model("methods", "MethodVersion")
    CatalogueEntry = apps.get_model("methods", "CatalogueEntry")
    SearchTerm = apps.get_model("methods", "SearchTerm")

    latest = (
        MethodVersion.objects.filter(status="published")
        .order_by("method_id", "-number")
        .distinct("method_id")
    )
    for version in latest.iterator():
        content = version.content
        names = content["name"]
        entry = CatalogueEntry.objects.create(
            method_id=version.method_id,
            slug=content["slug"],
            version=version.number,
            published_at=version.published_at,
            name_en=names["en"],
            name_zh=names.get("zh") or names["en"],
            origin_year=content.get("origin_year"),
            field=content.get("field") or "",
            family=content.get("family") or "",
            summary="\n".join(content.get("summary", {}).values()),
        )
        terms = [("name", language, name) for language, name in names.items()]
        terms += [
            ("alias", alias["language"], alias["name"])
            for alias in content.get("aliases", [])
        ]
        SearchTerm.objects.bulk_create(
            SearchTerm(entry=entry, kind=kind, language=language, text=text)
            for kind, language, text in terms
        )
    CatalogueEntry.objects.update(
        document=SearchVector(Fold("summary"), config="english")
    )
    SearchTerm.objects.update(folded=Fold("text"))


def empty_search_index(apps, schema_editor):
    apps.get_model("methods", "CatalogueEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("methods", "0005_search_index")]

    operations = [migrations.RunPython(fill_search_index, empty_search_index)]
