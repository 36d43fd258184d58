"""Queries whose SQL is built once per process and run again for another object.

Django builds a queryset's SQL afresh every time it runs: for the small fixed queries of a
detail page that is most of their cost (0.5 to 1 ms each, against a tenth of that to run
them and make their rows into objects). A prepared query is the SQL of a queryset built for a
stand-in key, kept per database and language (modeltranslation orders and filters by the
active language's columns) with its columns and their converters, and run with the real key;
``Model.from_db()`` makes the rows into model instances, as the ORM does.
"""

from collections.abc import Callable

from django.db import connections, models
from django.utils.translation import get_language

# No row has this primary key: it marks where the real key goes in the parameters.
STAND_IN = -7_340_195_288


class PreparedQuery:
    """``build(key)`` returns a queryset of one model's rows (no ``select_related``,
    annotations or deferred fields); calling the prepared query returns them for another
    key, as instances of that model."""

    def __init__(self, build: Callable[[int], models.QuerySet]):
        self.build = build
        self.compiled: dict[tuple[str, str | None], tuple] = {}

    def __call__(self, key: int, using: str) -> list:
        language = get_language()
        compiled = self.compiled.get((using, language))
        if compiled is None:
            compiled = self.compiled[using, language] = self.compile(using)
        model, sql, params, names, converters = compiled
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, [key if value == STAND_IN else value for value in params])
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
            objects.append(model.from_db(using, names, row))
        return objects

    def compile(self, using: str) -> tuple:
        queryset = self.build(STAND_IN)
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        if STAND_IN not in params:
            raise ValueError(f"The query does not depend on its key: {sql}")
        columns = [column for column, _sql, _alias in compiler.select]
        if compiler.klass_info.get("related_klass_infos") or compiler.annotation_col_map:
            raise ValueError(f"The query selects more than one model's columns: {sql}")
        names = [column.target.attname for column in columns]
        converters = [
            (position, functions, expression)
            for position, (functions, expression) in compiler.get_converters(columns).items()
        ]
        return queryset.model, sql, params, names, converters


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
