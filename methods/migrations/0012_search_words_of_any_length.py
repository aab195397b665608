from django.db import migrations, models

# Folded words can be longer than the text they come from (unaccent makes æ
# ae, ß ss, ﬃ ffi), so a 200-character name could not give its word to a
# varchar(200). varchar to text needs no rewrite of the table or its primary
# key; Django only remakes the small LIKE index beside the key.


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0011_fold_hangul"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchword",
            name="word",
            field=models.TextField(primary_key=True, serialize=False),
        ),
    ]
