"""``field__folded=term``: contains, ignoring case, ``ё``/``е`` and diacritics, on both engines."""

from django.db import models
from django.db.models import Lookup

from .text import FOLD_FROM, FOLD_TO, fold

SQLITE_FOLD_FUNCTION = "catalogue_fold"


@models.CharField.register_lookup
@models.TextField.register_lookup
class FoldedContains(Lookup):
    lookup_name = "folded"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = "%" + connection.ops.prep_for_like_query(fold(str(self.rhs))) + "%"
        if connection.vendor == "postgresql":
            return (
                f"translate(lower({lhs}), %s, %s) LIKE %s",
                [*lhs_params, FOLD_FROM, FOLD_TO, pattern],
            )
        if connection.vendor == "sqlite":
            return f"{SQLITE_FOLD_FUNCTION}({lhs}) LIKE %s ESCAPE '\\'", [*lhs_params, pattern]
        raise NotImplementedError(f"The folded lookup does not support {connection.vendor}.")


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the Python fold() as an SQL function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FOLD_FUNCTION, 1, fold, deterministic=True)
