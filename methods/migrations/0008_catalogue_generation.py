from django.db import migrations, models

# One row counting changes to what readers see: every statement that adds or
# changes a published version (publishing, retraction) or renames a field or
# family bumps it, so pages can tell whether what they rendered is still
# current with one cheap read (methods.freshness). The row is made again if
# a flush (as between tests) removed it.
GENERATION_SQL = """
INSERT INTO methods_cataloguegeneration (id, number) VALUES (1, 1);

CREATE FUNCTION scholargate_bump_generation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO methods_cataloguegeneration AS g (id, number) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET number = g.number + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER bump_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
ON methods_methodversion FOR EACH STATEMENT
EXECUTE FUNCTION scholargate_bump_generation();
CREATE TRIGGER bump_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
ON methods_researchfield FOR EACH STATEMENT
EXECUTE FUNCTION scholargate_bump_generation();
CREATE TRIGGER bump_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
ON methods_methodfamily FOR EACH STATEMENT
EXECUTE FUNCTION scholargate_bump_generation();
"""

DROP_SQL = """
DROP TRIGGER bump_generation ON methods_methodversion;
DROP TRIGGER bump_generation ON methods_researchfield;
DROP TRIGGER bump_generation ON methods_methodfamily;
DROP FUNCTION scholargate_bump_generation();
"""


class Migration(migrations.Migration):
    dependencies = [("methods", "0007_term_prefix_index")]

    operations = [
        migrations.CreateModel(
            name="CatalogueGeneration",
            fields=[
                ("id", models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ("number", models.BigIntegerField()),
            ],
        ),
        migrations.RunSQL(GENERATION_SQL, DROP_SQL),
    ]
