import django.contrib.postgres.indexes
import django.contrib.postgres.operations
import django.contrib.postgres.search
import django.db.models.deletion
import methods.models
from django.db import migrations, models


# Search compares folded text: lower case, without accents, punctuation as
# spaces, and each CJK character a word of its own, so that part of a
# Chinese name is a run of whole words for both pg_trgm and full-text search.
# unaccent() itself is only STABLE; pinning its dictionary makes this wrapper
# safe to declare IMMUTABLE and to use in stored columns and indexes.
FOLD_SQL = r"""
CREATE FUNCTION scholargate_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT btrim(regexp_replace(regexp_replace(
    lower(public.unaccent('public.unaccent'::regdictionary, $1)),
    '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])', ' \1 ', 'g'),
    '[[:punct:][:space:]]+', ' ', 'g'))
$$
"""

# pg_trgm declares its similarity operators as cheap as `=`, so for a query
# with many candidates the planner prefers to compute similarity on every row
# (seconds at 50,000 entries) over the trigram index (tens of milliseconds).
# Their true cost steers it to the index.
# NB: settings on extension functions are not kept by pg_dump; this migration
# is the record of them.
TRIGRAM_COST_SQL = """
ALTER FUNCTION similarity_op(text, text) COST 200;
ALTER FUNCTION word_similarity_commutator_op(text, text) COST 200;
"""
TRIGRAM_COST_RESET_SQL = """
ALTER FUNCTION similarity_op(text, text) COST 1;
ALTER FUNCTION word_similarity_commutator_op(text, text) COST 1;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('methods', '0004_frozen_versions'),
    ]

    operations = [
        django.contrib.postgres.operations.TrigramExtension(),
        django.contrib.postgres.operations.UnaccentExtension(),
        migrations.RunSQL(FOLD_SQL, "DROP FUNCTION scholargate_fold(text)"),
        migrations.RunSQL(TRIGRAM_COST_SQL, TRIGRAM_COST_RESET_SQL),
        migrations.CreateModel(
            name='CatalogueEntry',
            fields=[
                ('method', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='methods.method')),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('version', models.PositiveIntegerField()),
                ('published_at', models.DateTimeField()),
                ('name_en', models.CharField(max_length=200)),
                ('name_zh', models.CharField(help_text='English when untranslated.', max_length=200)),
                ('origin_year', models.PositiveSmallIntegerField(null=True)),
                ('field', models.SlugField(blank=True, max_length=80)),
                ('family', models.SlugField(blank=True, max_length=80)),
                ('summary', models.TextField(blank=True, help_text='Every language, one per line.')),
                ('document', django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['document'], name='entry_summary_words'), models.Index(methods.models.Fold('name_en'), models.F('slug'), name='entry_sort_name_en'), models.Index(methods.models.Fold('name_zh'), models.F('slug'), name='entry_sort_name_zh'), models.Index(fields=['origin_year', 'slug'], name='entry_origin_year'), models.Index(fields=['-published_at', 'slug'], name='entry_published'), models.Index(fields=['field'], name='entry_field'), models.Index(fields=['family'], name='entry_family')],
            },
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('name', 'Name'), ('alias', 'Alias')], max_length=8)),
                ('language', models.CharField(max_length=16)),
                ('text', models.CharField(max_length=200)),
                ('folded', models.TextField(default='')),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='terms', to='methods.catalogueentry')),
            ],
            options={
                'indexes': [django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass('folded', 'gin_trgm_ops'), name='term_trigrams')],
            },
        ),
    ]
