from django.db import migrations

# Hangul syllables become words of their own, as CJK characters already are,
# so that part of a Korean name is a run of whole words for pg_trgm: a
# two-syllable query then reads the trigram index instead of every term.
# Everything folded before is folded again, and the indexes on folded names
# rebuilt.
FOLD_SQL = r"""
CREATE OR REPLACE FUNCTION scholargate_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT btrim(regexp_replace(regexp_replace(
    lower(public.unaccent('public.unaccent'::regdictionary, $1)),
    '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])',
    ' \1 ', 'g'),
    '[[:punct:][:space:]]+', ' ', 'g'))
$$;
"""

PREVIOUS_FOLD_SQL = r"""
CREATE OR REPLACE FUNCTION scholargate_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT btrim(regexp_replace(regexp_replace(
    lower(public.unaccent('public.unaccent'::regdictionary, $1)),
    '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])', ' \1 ', 'g'),
    '[[:punct:][:space:]]+', ' ', 'g'))
$$;
"""

REFOLD_SQL = """
UPDATE methods_searchterm SET folded = scholargate_fold(text);
UPDATE methods_catalogueentry
SET document = to_tsvector('english'::regconfig, COALESCE(scholargate_fold(summary), ''));
REINDEX TABLE methods_catalogueentry;
DELETE FROM methods_searchword;
INSERT INTO methods_searchword (word)
SELECT DISTINCT word FROM methods_searchterm, regexp_split_to_table(folded, ' ') AS word
WHERE length(word) >= 4;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0010_search_words"),
    ]

    operations = [
        migrations.RunSQL(FOLD_SQL + REFOLD_SQL, PREVIOUS_FOLD_SQL + REFOLD_SQL),
    ]
