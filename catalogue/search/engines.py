"""Matching and ranking with each engine's own full-text index.

Both narrow a queryset through its ``search_document`` (a one-to-one join, so facet counts,
``values()`` and further filters compose) and add ``search_rank``, higher is better:

- SQLite: the FTS5 table joined on ``+rowid``, ``MATCH`` with quoted prefix terms, ranked by
  its ``rank`` column (bm25 weighted title > variants > body, set in migration 0004);
- PostgreSQL: the GIN-indexed ``document`` tsvector, ``to_tsquery('simple', …)`` with
  prefix terms, ranked by ``ts_rank`` (weights A title, B variants, D body).
"""

from django.db import NotSupportedError
from django.db.models import BooleanField, F, FloatField, Func, QuerySet, Value
from django.db.models.sql.datastructures import Join

from ..models import DocumentKind, FullTextEntry
from .terms import fts5_expression, tsquery_expression


class _DocumentFunction(Func):
    """SQL over the ``document`` column of the joined search document.

    The first argument is the document's primary key (``F("search_document__pk")``); its
    resolved column gives the table alias of the join.
    """

    def __init__(self, document_pk, tsquery: str):
        super().__init__(document_pk, Value(tsquery))

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            raise NotSupportedError("The tsvector search runs on PostgreSQL only.")
        column, tsquery = self.get_source_expressions()
        table = compiler.quote_name_unless_alias(column.alias)
        document = f"{table}.{connection.ops.quote_name('document')}"
        title = f"{table}.{connection.ops.quote_name('title_document')}"
        query_sql, params = compiler.compile(tsquery)
        return self.sql % {"document": document, "title": title, "query": query_sql}, params


class DocumentMatches(_DocumentFunction):
    sql = "%(document)s @@ to_tsquery('simple'::regconfig, %(query)s)"
    output_field = BooleanField()
    conditional = True


class TitleMatches(_DocumentFunction):
    """The title alone: its own stored tsvector and GIN index (migration 0014)."""

    sql = "%(title)s @@ to_tsquery('simple'::regconfig, %(query)s)"
    output_field = BooleanField()
    conditional = True


class DocumentRank(_DocumentFunction):
    sql = "ts_rank(%(document)s, to_tsquery('simple'::regconfig, %(query)s))"
    output_field = FloatField()


class FullTextJoin(Join):
    """The join to the FTS5 table, on ``+rowid`` rather than ``rowid``.

    With a usable rowid constraint SQLite may run the MATCH once per candidate record (when
    the record side has an index, as ``status`` has), which is quadratic on broad queries;
    the unary plus leaves it one plan: scan the match once, look documents up by key.
    """

    @property
    def identity(self):
        # Equal to the plain join, so that later filters and annotations reuse it.
        return (Join, *super().identity[1:])

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        table = compiler.quote_name_unless_alias(self.table_alias)
        rowid = f"{table}.{connection.ops.quote_name('rowid')}"
        return sql.replace(f"= {rowid}", f"= +{rowid}", 1), params


def _join_on_plus_rowid(queryset: QuerySet) -> QuerySet:
    aliases = queryset.query.alias_map
    for alias, join in list(aliases.items()):
        if getattr(join, "table_name", None) == FullTextEntry._meta.db_table and not isinstance(
            join, FullTextJoin
        ):
            aliases[alias] = FullTextJoin(
                join.table_name,
                join.parent_alias,
                join.table_alias,
                join.join_type,
                join.join_field,
                join.nullable,
                join.filtered_relation,
            )
    return queryset


def search_sqlite(
    queryset: QuerySet, groups: list[tuple[str, ...]], kind: str, titles: bool = False
) -> QuerySet:
    expression = fts5_expression(groups, titles)
    if kind != DocumentKind.RECORD:
        # People are few and records naming them many: match only documents of this kind.
        expression = f'kind : "{kind}" AND {expression}'
    return _join_on_plus_rowid(
        queryset.filter(
            search_document__public=True,
            search_document__full_text__match=expression,
        ).annotate(search_rank=-F("search_document__full_text__rank"))
    )


def search_postgresql(
    queryset: QuerySet, groups: list[tuple[str, ...]], kind: str, titles: bool = False
) -> QuerySet:
    tsquery = tsquery_expression(groups)
    document = F("search_document__pk")
    matches = TitleMatches if titles else DocumentMatches
    return (
        queryset.filter(search_document__public=True)
        .filter(matches(document, tsquery))
        .annotate(search_rank=DocumentRank(document, tsquery))
    )


SEARCHES = {"sqlite": search_sqlite, "postgresql": search_postgresql}

# The key each engine walks its matches in without sorting them: the FTS5 rowid (the
# document's primary key) on SQLite; on PostgreSQL the searched table's own primary key
# (the record's, the person's), whose index the planner walks when matches are many.
DOCUMENT_KEYS = {"sqlite": "search_document__full_text__pk", "postgresql": "pk"}
