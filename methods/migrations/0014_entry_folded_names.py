from django.db import migrations, models

# Entries' names folded once, when indexed, so a search's ties between
# equally good matches read them instead of folding each ranked name again.
FILL = """
UPDATE methods_catalogueentry
SET folded_name_en = scholargate_fold(name_en),
    folded_name_zh = scholargate_fold(name_zh);
"""


class Migration(migrations.Migration):
    dependencies = [("methods", "0013_generation_from_the_clock")]

    operations = [
        migrations.AddField(
            model_name="catalogueentry",
            name="folded_name_en",
            field=models.TextField(default=""),
        ),
        migrations.AddField(
            model_name="catalogueentry",
            name="folded_name_zh",
            field=models.TextField(default=""),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
