"""A large synthetic catalogue, written straight into the tables with COPY.

Entries look like the real ones: names built from method words in English
and Chinese (some untranslated), aliases in several languages and scripts,
references with DOIs, sources, up to ten symmetric related links, and one
to three published versions each, frozen in the canonical content shape of
`methods.content.normalize_content`. The search index is filled from each
entry's latest version by `methods.search.index_rows`, and folded by the
same SQL function that folds queries, so search sees what publishing
would have given it.
"""

import datetime
import json
import random
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.utils.text import slugify

from methods.content import REFERENCE_KEYS, normalize_content
from methods.models import (
    CatalogueEntry,
    MethodVersion,
    SearchTerm,
)
from methods.search import fold_index, index_rows, rebuild_vocabulary

# (English, Chinese) words that names are built from: modifiers, then heads.
MODIFIERS = [
    ("Bayesian", "贝叶斯"),
    ("Hierarchical", "分层"),
    ("Sparse", "稀疏"),
    ("Robust", "稳健"),
    ("Adaptive", "自适应"),
    ("Stochastic", "随机"),
    ("Variational", "变分"),
    ("Contrastive", "对比"),
    ("Causal", "因果"),
    ("Semi-supervised", "半监督"),
    ("Multilevel", "多层次"),
    ("Latent", "潜在"),
    ("Nonparametric", "非参数"),
    ("Recurrent", "循环"),
    ("Convolutional", "卷积"),
    ("Generative", "生成"),
    ("Spectral", "谱"),
    ("Quantile", "分位数"),
    ("Longitudinal", "纵向"),
    ("Penalized", "惩罚"),
    ("Ensemble", "集成"),
    ("Federated", "联邦"),
    ("Graph", "图"),
    ("Kernel", "核"),
    ("Dynamic", "动态"),
    ("Weighted", "加权"),
    ("Mixed", "混合"),
    ("Ordinal", "有序"),
    ("Spatial", "空间"),
    ("Temporal", "时间"),
    ("Sequential", "序贯"),
    ("Stratified", "分层抽样"),
    ("Iterative", "迭代"),
    ("Distributed", "分布式"),
    ("Self-supervised", "自监督"),
    ("Attention-based", "基于注意力的"),
    ("Regularized", "正则化"),
    ("Partial", "偏"),
    ("Generalized", "广义"),
    ("Conditional", "条件"),
    ("Deep", "深度"),
    ("Online", "在线"),
    ("Multivariate", "多元"),
    ("Functional", "函数型"),
    ("Propensity", "倾向"),
    ("Thematic", "主题"),
    ("Grounded", "扎根"),
    ("Participatory", "参与式"),
    ("Counterfactual", "反事实"),
    ("Cross-sectional", "横断面"),
]
HEADS = [
    ("Regression", "回归"),
    ("Network", "网络"),
    ("Sampling", "抽样"),
    ("Clustering", "聚类"),
    ("Estimation", "估计"),
    ("Inference", "推断"),
    ("Analysis", "分析"),
    ("Learning", "学习"),
    ("Design", "设计"),
    ("Model", "模型"),
    ("Autoencoder", "自编码器"),
    ("Transformer", "变换器"),
    ("Decomposition", "分解"),
    ("Matching", "匹配"),
    ("Imputation", "插补"),
    ("Forecasting", "预测"),
    ("Embedding", "嵌入"),
    ("Distillation", "蒸馏"),
    ("Boosting", "提升"),
    ("Bootstrap", "自助法"),
    ("Survey", "调查"),
    ("Interview", "访谈"),
    ("Coding", "编码"),
    ("Experiment", "实验"),
    ("Trial", "试验"),
    ("Smoothing", "平滑"),
    ("Filtering", "滤波"),
    ("Classification", "分类"),
    ("Segmentation", "分割"),
    ("Attention", "注意力"),
    ("Pruning", "剪枝"),
    ("Optimization", "优化"),
    ("Test", "检验"),
    ("Scaling", "标度"),
    ("Ethnography", "民族志"),
    ("Synthesis", "综合"),
    ("Simulation", "模拟"),
    ("Weighting", "加权法"),
    ("Diagnostics", "诊断"),
    ("Selection", "选择"),
]
# A word for "method" and a few heads in other scripts, for aliases.
OTHER_SCRIPTS = {
    "ja": {"Regression": "回帰", "Network": "ネットワーク", "Learning": "学習", "Analysis": "分析", "Model": "モデル", "Sampling": "サンプリング"},
    "ru": {"Regression": "регрессия", "Network": "сеть", "Learning": "обучение", "Analysis": "анализ", "Model": "модель", "Sampling": "выборка"},
    "ko": {"Regression": "회귀", "Network": "네트워크", "Learning": "학습", "Analysis": "분석", "Model": "모형", "Sampling": "표본추출"},
    "de": {"Regression": "Regression", "Network": "Netzwerk", "Learning": "Lernen", "Analysis": "Analyse", "Model": "Modell", "Sampling": "Stichprobenziehung"},
    "tr": {"Regression": "regresyon", "Network": "ağ", "Learning": "öğrenme", "Analysis": "analizi", "Model": "modeli", "Sampling": "örnekleme"},
    "el": {"Regression": "παλινδρόμηση", "Network": "δίκτυο", "Learning": "μάθηση", "Analysis": "ανάλυση", "Model": "μοντέλο", "Sampling": "δειγματοληψία"},
}  # fmt: skip
SURNAMES = [
    "Smith", "Wang", "Li", "Zhang", "Müller", "García", "Nguyen", "Kim", "Sato",
    "Ivanov", "Öztürk", "Dubois", "Rossi", "Hinton", "Rubin", "Fisher",
    "Bengio", "Chen", "Liu", "Yamamoto", "Kowalski", "Silva", "Andersson",
    "Papadopoulos", "O'Brien", "Ng", "Gödel", "Núñez", "Žižek", "Haykin",
]  # fmt: skip
VENUES = [
    "Journal of the American Statistical Association", "NeurIPS", "ICML",
    "Biometrika", "Annals of Statistics", "Psychological Methods", "ACL",
    "Sociological Methods & Research", "统计研究", "计算机学报", "Econometrica",
]  # fmt: skip
LICENCES = ["", "CC BY 4.0", "CC BY-SA 4.0"]
FIELDS = [
    ("machine-learning", "Machine learning", "机器学习"),
    ("deep-learning", "Deep learning", "深度学习"),
    ("statistics", "Statistics", "统计学"),
    ("causal-inference", "Causal inference", "因果推断"),
    ("experimental-design", "Experimental design", "实验设计"),
    ("survey-research", "Survey research", "调查研究"),
    ("qualitative-research", "Qualitative research", "质性研究"),
    ("econometrics", "Econometrics", "计量经济学"),
    ("natural-language-processing", "Natural language processing", "自然语言处理"),
    ("computer-vision", "Computer vision", "计算机视觉"),
    ("epidemiology", "Epidemiology", "流行病学"),
    ("psychometrics", "Psychometrics", "心理测量学"),
]
FAMILIES_PER_FIELD = 25
START = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


@dataclass
class Generated:
    entries: int
    versions: int
    aliases: int
    references: int
    related_links: int
    terms: int
    slugs: list[str]
    related: dict[str, list[str]]


def generate(count: int, *, seed: int = 20260722, vacuum: bool = True) -> Generated:
    """Add `count` published entries to the catalogue, after those it holds.

    `vacuum=False` skips the final VACUUM ANALYZE, which cannot run inside
    a transaction (as in tests).
    """
    rng = random.Random(seed)
    fields, families = _taxonomy()
    taxon_ids = _taxon_ids()
    names = _names(count, rng)
    slugs = [slugify(name) for name, _zh in names]
    related = _related_links(count, rng)
    first_method, first_version, first_link = (
        _next_id(table)
        for table in (
            "methods_method",
            "methods_methodversion",
            "methods_method_related",
        )
    )
    method_ids = range(first_method, first_method + count)

    methods, aliases, references, sources, versions = [], [], [], [], []
    latest: list[MethodVersion] = []
    for index, method_id in enumerate(method_ids):
        field = rng.choice(fields)
        family = rng.choice(families[field])
        raws = _version_contents(
            slugs[index],
            names[index],
            field,
            family,
            [slugs[other] for other in related[index]],
            rng,
        )
        contents = [normalize_content(raw) for raw in raws]
        current = contents[-1]
        methods.append(_method_row(method_id, current, len(contents), taxon_ids))
        aliases += [
            (method_id, position, alias["name"], alias["language"])
            for position, alias in enumerate(current["aliases"])
        ]
        references += [
            (method_id, position, *(ref[key] for key in REFERENCE_KEYS))
            for position, ref in enumerate(current["references"])
        ]
        sources += [
            (method_id, position, source["title"], source["url"], source["accessed"])
            for position, source in enumerate(current["sources"])
        ]
        for number, content in enumerate(contents, start=1):
            published_at = START + datetime.timedelta(
                days=number * 30, seconds=method_id
            )
            versions.append(
                (
                    first_version + len(versions),
                    method_id,
                    number,
                    "published",
                    json.dumps(content, ensure_ascii=False),
                    "Synthetic version for the benchmark.",
                    published_at,
                    "",
                )
            )
        latest.append(
            MethodVersion(
                method_id=method_id,
                number=len(contents),
                content=current,
                published_at=published_at,
            )
        )

    pairs = ((a, b) for a, others in enumerate(related) for b in others)
    edges = [
        (number, first_method + a, first_method + b)
        for number, (a, b) in enumerate(pairs, start=first_link)
    ]
    entry_rows, term_rows = _index_rows(latest)

    tables = [
        "methods_method",
        "methods_alias",
        "methods_reference",
        "methods_source",
        "methods_method_related",
        "methods_methodversion",
        "methods_catalogueentry",
        "methods_searchterm",
    ]
    with connection.cursor() as cursor, _without_indexes(cursor, tables):
        _copy(cursor, "methods_method", _METHOD_COLUMNS, methods)
        _copy(
            cursor,
            "methods_alias",
            ("method_id", "position", "name", "language"),
            aliases,
        )
        _copy(
            cursor,
            "methods_reference",
            ("method_id", "position", *REFERENCE_KEYS),
            references,
        )
        _copy(
            cursor,
            "methods_source",
            ("method_id", "position", "title", "url", "accessed_on"),
            sources,
        )
        _copy(
            cursor,
            "methods_method_related",
            ("id", "from_method_id", "to_method_id"),
            edges,
        )
        _copy(
            cursor,
            "methods_methodversion",
            (
                "id",
                "method_id",
                "number",
                "status",
                "content",
                "change_note",
                "published_at",
                "retraction_reason",
            ),
            versions,
        )
        _copy(cursor, "methods_catalogueentry", _ENTRY_COLUMNS, entry_rows)
        _copy(
            cursor,
            "methods_searchterm",
            ("entry_id", "kind", "language", "text", "folded"),
            term_rows,
        )
        # Folded by the database, exactly as methods.search.refresh_index does.
        fold_index(CatalogueEntry.objects.all(), SearchTerm.objects.all())
        rebuild_vocabulary()
    with connection.cursor() as cursor:
        for table in tables:
            if table != "methods_catalogueentry":
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))",
                    [table],
                )
            if vacuum:
                cursor.execute(f"VACUUM ANALYZE {table}")

    return Generated(
        entries=count,
        versions=len(versions),
        aliases=len(aliases),
        references=len(references),
        related_links=len(edges),
        terms=len(term_rows),
        slugs=slugs,
        related={
            slugs[index]: [slugs[other] for other in others]
            for index, others in enumerate(related)
        },
    )


_METHOD_COLUMNS = (
    "id",
    "slug",
    "name",
    "name_en",
    "name_zh",
    "method_type",
    "method_type_en",
    "method_type_zh",
    "summary",
    "summary_en",
    "summary_zh",
    "origin_year_text",
    "origin_year_text_en",
    "origin_year_text_zh",
    "origin_year",
    "proposers",
    "field_id",
    "family_id",
    "status",
    "attribution",
    "licence",
    "revision",
    "created_at",
    "updated_at",
)
_ENTRY_COLUMNS = (
    "method_id",
    "slug",
    "version",
    "published_at",
    "name_en",
    "name_zh",
    "origin_year",
    "field",
    "family",
    "summary",
    "folded_name_en",
    "folded_name_zh",
)


def _taxonomy() -> tuple[list[str], dict[str, list[str]]]:
    """Fields and their families, made through the ORM: a few hundred rows."""
    from methods.models import MethodFamily, ResearchField

    families: dict[str, list[str]] = {}
    for slug, english, chinese in FIELDS:
        ResearchField.objects.update_or_create(
            slug=slug, defaults={"name_en": english, "name_zh": chinese}
        )
        families[slug] = []
        for number in range(FAMILIES_PER_FIELD):
            head_en, head_zh = HEADS[number % len(HEADS)]
            family_slug = f"{slug}-{slugify(head_en)}-{number}"
            MethodFamily.objects.update_or_create(
                slug=family_slug,
                defaults={
                    "name_en": f"{english}: {head_en} {number}",
                    "name_zh": f"{chinese}：{head_zh}{number}",
                },
            )
            families[slug].append(family_slug)
    return list(families), families


def _names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Distinct (English, Chinese) names: two modifiers and a head."""
    combinations = len(MODIFIERS) * (len(MODIFIERS) - 1) * len(HEADS)
    if count > combinations:
        raise ValueError(f"At most {combinations:,} distinct names can be made.")
    seen: set[tuple[int, int, int]] = set()
    names = []
    while len(names) < count:
        first, second = rng.sample(range(len(MODIFIERS)), 2)
        head = rng.randrange(len(HEADS))
        if (first, second, head) in seen:
            continue
        seen.add((first, second, head))
        english = f"{MODIFIERS[first][0]} {MODIFIERS[second][0]} {HEADS[head][0]}"
        chinese = f"{MODIFIERS[first][1]}{MODIFIERS[second][1]}{HEADS[head][1]}"
        names.append((english, chinese))
    return names


def _related_links(count: int, rng: random.Random) -> list[list[int]]:
    """Symmetric links, at most ten per entry, mostly to close neighbours."""
    related: list[set[int]] = [set() for _ in range(count)]
    for index in range(count):
        for _ in range(rng.randint(0, 5)):
            other = (index + rng.randint(1, 200)) % count
            if other != index and len(related[index]) < 10 and len(related[other]) < 10:
                related[index].add(other)
                related[other].add(index)
    return [sorted(links) for links in related]


def _version_contents(
    slug: str,
    names: tuple[str, str],
    field: str,
    family: str,
    related: list[str],
    rng: random.Random,
) -> list[dict]:
    """One to three versions; later ones add aliases, links and a sentence."""
    english, chinese = names
    translated = rng.random() < 0.8
    words = english.split()
    abbreviation = "".join(word[0] for word in words).upper()
    head = words[-1]
    aliases = [{"name": abbreviation, "language": "en"}]
    if translated and rng.random() < 0.5:
        aliases.append({"name": f"{chinese}方法", "language": "zh"})
    for language, heads in rng.sample(sorted(OTHER_SCRIPTS.items()), 3):
        if head in heads:
            aliases.append(
                {"name": f"{heads[head]} ({abbreviation})", "language": language}
            )
    if rng.random() < 0.3:
        aliases.append({"name": f"{english} method", "language": "en"})
    year = rng.randint(1920, 2024)
    references = [
        {
            "authors": ", ".join(rng.sample(SURNAMES, rng.randint(1, 4))),
            "year": year + number,
            "title": f"{english}: {rng.choice(['a new approach', 'theory and practice', 'an empirical study', 'consistency and efficiency'])}",
            "venue": rng.choice(VENUES),
            "volume": str(rng.randint(1, 120)),
            "issue": str(rng.randint(1, 12)),
            "pages": f"{(start := rng.randint(1, 900))}–{start + rng.randint(5, 40)}",
            "doi": f"10.{rng.randint(1000, 99999)}/{slug}.{number}",
            "url": "",
        }
        for number in range(rng.randint(1, 3))
    ]
    summary_en = (
        f"{english} is a {field.replace('-', ' ')} method that combines "
        f"{words[0].lower()} and {words[1].lower()} ideas for {head.lower()}. "
        f"It is used where data are {rng.choice(['sparse', 'noisy', 'clustered', 'high-dimensional', 'longitudinal', 'missing at random'])}."
    )
    summary_zh = f"{chinese}是一种用于{rng.choice(['高维数据', '纵向数据', '小样本', '缺失数据', '文本', '图像'])}的方法。"
    base = {
        "slug": slug,
        "name": {"en": english, "zh": chinese if translated else ""},
        "type": {"en": f"{head} method", "zh": "方法" if translated else ""},
        "summary": {"en": summary_en, "zh": summary_zh if translated else ""},
        "origin_year_text": {"en": str(year), "zh": f"{year}年" if translated else ""},
        "proposers": references[0]["authors"],
        "field": field,
        "family": family,
        "attribution": {"text": "", "licence": rng.choice(LICENCES)},
        "sources": [
            {
                "title": f"Source {number + 1} for {english}",
                "url": f"https://example.org/sources/{slug}/{number + 1}",
                "accessed": "2025-11-01",
            }
            for number in range(rng.randint(1, 2))
        ],
    }
    count = rng.choices([1, 2, 3], weights=[5, 3, 2])[0]
    versions = []
    for number in range(1, count + 1):
        share = number / count
        versions.append(
            {
                **base,
                "aliases": aliases[: max(1, round(len(aliases) * share))],
                "references": references[: max(1, round(len(references) * share))],
                "related": related[: round(len(related) * share)],
                "summary": {
                    language: text + (" Revised." * (count - number))
                    for language, text in base["summary"].items()
                },
            }
        )
    return versions


def _method_row(
    method_id: int, content: dict, revisions: int, taxon_ids: dict[str, int]
) -> tuple:
    def text(key: str, language: str) -> str:
        return content[key].get(language, "")

    name_en = text("name", "en")
    return (
        method_id,
        content["slug"],
        name_en,
        name_en,
        text("name", "zh") or None,
        text("type", "en"),
        text("type", "en"),
        text("type", "zh") or None,
        text("summary", "en"),
        text("summary", "en"),
        text("summary", "zh") or None,
        text("origin_year_text", "en"),
        text("origin_year_text", "en"),
        text("origin_year_text", "zh") or None,
        content["origin_year"],
        content["proposers"],
        taxon_ids[f"field:{content['field']}"],
        taxon_ids[f"family:{content['family']}"],
        "published",
        content["attribution"]["text"],
        content["attribution"]["licence"],
        revisions,
        START,
        START,
    )


def _taxon_ids() -> dict[str, int]:
    """`field:<slug>` and `family:<slug>` to row ids."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'field:' || slug, id FROM methods_researchfield "
            "UNION ALL SELECT 'family:' || slug, id FROM methods_methodfamily"
        )
        return dict(cursor.fetchall())


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cursor.fetchone()[0]


def _index_rows(latest: Iterable[MethodVersion]) -> tuple[list[tuple], list[tuple]]:
    entries, terms = [], []
    for version in latest:
        entry, entry_terms = index_rows(version)
        entries.append(tuple(getattr(entry, column) for column in _ENTRY_COLUMNS))
        terms += [
            (entry.method_id, term.kind, term.language, term.text, "")
            for term in entry_terms
        ]
    return entries, terms


def _copy(cursor, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


@contextmanager
def _without_indexes(cursor, tables: list[str]) -> Iterator[None]:
    """Drop the secondary indexes of these tables while loading; rebuild after.

    Building an index once over loaded rows is many times faster than
    keeping it up to date row by row. Indexes behind constraints stay.
    """
    cursor.execute(
        """
        SELECT indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = ANY(%s)
          AND NOT EXISTS (
            SELECT 1 FROM pg_constraint
            WHERE conindid = (quote_ident(schemaname) || '.' || quote_ident(indexname))::regclass
          )
        """,
        [tables],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    # Inside a transaction (tests), deferred foreign key checks must run
    # before an index can be built.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET maintenance_work_mem = '512MB'")
    for _name, definition in indexes:
        cursor.execute(definition)
