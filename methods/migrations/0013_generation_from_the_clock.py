from django.db import migrations

# Generation numbers that never come back: each bump is at least the
# current time in microseconds, so after a flush (which removes the row) or
# a restore from an older dump, a number browsers and workers already hold
# for other content cannot be handed out again (methods.freshness).
FROM_THE_CLOCK = """
CREATE OR REPLACE FUNCTION scholargate_bump_generation() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    now_us bigint := (extract(epoch FROM clock_timestamp()) * 1000000)::bigint;
BEGIN
    INSERT INTO methods_cataloguegeneration AS g (id, number) VALUES (1, now_us)
    ON CONFLICT (id) DO UPDATE SET number = greatest(g.number + 1, now_us);
    RETURN NULL;
END
$$;

UPDATE methods_cataloguegeneration
SET number = greatest(number + 1,
                      (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);
"""

COUNTING = """
CREATE OR REPLACE FUNCTION scholargate_bump_generation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO methods_cataloguegeneration AS g (id, number) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET number = g.number + 1;
    RETURN NULL;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("methods", "0012_search_words_of_any_length")]

    operations = [migrations.RunSQL(FROM_THE_CLOCK, COUNTING)]
