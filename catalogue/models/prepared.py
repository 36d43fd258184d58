"""Queries whose SQL is built once per process and run again for another object.

Django builds a queryset's SQL afresh every time it runs: for the small fixed queries of a
detail page that is most of their cost (0.5 to 1 ms each, against a tenth of that to run
them and make their rows into objects). A prepared query is the SQL of a queryset built for a
stand-in key, kept per database and language (modeltranslation orders and filters by the
active language's columns) with its columns and their converters, and run with the real key;
the rows become model instances, with their ``select_related`` objects, as in Django's own
``ModelIterable`` (``Model.from_db()`` and the ORM's related populators).
"""

from collections.abc import Callable

from django.db import connections, models
from django.db.models.query import get_related_populators
from django.utils.translation import get_language

# No row has this key, as a number or as text: it marks where the real key goes in the
# parameters (a text key, such as a reference code or reversion's object_id, takes its text).
STAND_IN = -7_340_195_288
STAND_IN_TEXT = str(STAND_IN)


class PreparedQuery:
    """``build(key)`` returns a queryset of one model's rows (``select_related`` allowed; no
    annotations or deferred fields), given ``STAND_IN`` for the key (``str(key)`` where the
    key is text); calling the prepared query returns them for another key, as instances of
    that model."""

    def __init__(self, build: Callable[[int], models.QuerySet]):
        self.build = build
        self.compiled: dict[tuple[str, str | None], tuple] = {}

    def __call__(self, key: int | str, using: str) -> list:
        language = get_language()
        compiled = self.compiled.get((using, language))
        if compiled is None:
            compiled = self.compiled[using, language] = self.compile(using)
        model, sql, params, names, fields, populators, converters = compiled
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, [_with_key(value, key) for value in params])
            rows = cursor.fetchall()
        objects = []
        for row in rows:
            if converters:
                row = list(row)
                for position, functions, expression in converters:
                    value = row[position]
                    for function in functions:
                        value = function(value, expression, connection)
                    row[position] = value
            instance = model.from_db(using, names, row[fields])
            for populator in populators:
                populator.populate(row, instance)
            objects.append(instance)
        return objects

    def compile(self, using: str) -> tuple:
        queryset = self.build(STAND_IN)
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        if STAND_IN not in params and STAND_IN_TEXT not in params:
            raise ValueError(f"The query does not depend on its key: {sql}")
        if compiler.annotation_col_map or queryset.query.deferred_loading[0]:
            raise ValueError(f"The query has annotations or deferred fields: {sql}")
        select, klass_info = compiler.select, compiler.klass_info
        own = klass_info["select_fields"]
        fields = slice(own[0], own[-1] + 1)
        names = [column.target.attname for column, _sql, _alias in select[fields]]
        populators = get_related_populators(klass_info, select, using)
        columns = [column for column, _sql, _alias in select]
        converters = [
            (position, functions, expression)
            for position, (functions, expression) in compiler.get_converters(columns).items()
        ]
        return queryset.model, sql, params, names, fields, populators, converters


def _with_key(value, key):
    if value == STAND_IN:
        return key
    return str(key) if value == STAND_IN_TEXT else value


def remember(instance: models.Model, name: str, objects: list) -> None:
    """Make ``objects`` what ``instance.<name>.all()`` returns, as ``prefetch_related`` does
    (a queryset holding its results), so that reading them runs no query."""
    model = objects[0].__class__ if objects else instance._meta.get_field(name).related_model
    queryset = models.QuerySet(model=model, using=instance._state.db)
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
