"""What an import or export looks up: keys of related objects and stored many-valued cells."""

from collections import defaultdict
from collections.abc import Iterable, Iterator

BATCH = 500


def chunked(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Context:
    """Caches stable keys by primary key and back, one query per table, for one run."""

    def __init__(self):
        self._pks: dict[tuple, dict] = {}
        self._keys: dict[tuple, dict] = {}
        self._related: dict[str, dict] = defaultdict(dict)
        # Keys that rows of the file itself create, for references within the file.
        self.keys_in_file: set[str] = set()

    def _table(self, model, key: str) -> tuple:
        index = (model, key)
        if index not in self._pks:
            pairs = list(model._base_manager.values_list(key, "pk"))
            self._pks[index] = dict(pairs)
            self._keys[index] = {pk: value for value, pk in pairs}
        return index

    def pk_for(self, model, key: str, value: str):
        return self._pks[self._table(model, key)].get(value)

    def key_for(self, model, key: str, pk) -> str:
        return self._keys[self._table(model, key)].get(pk, "")

    def remember(self, model, key: str, value: str, pk) -> None:
        index = self._table(model, key)
        self._pks[index][value] = pk
        self._keys[index][pk] = value

    def load_related(self, model, columns: Iterable, owner_pks: list) -> None:
        """Read the stored values of many-valued columns for these owners, in batches."""
        for column in columns:
            if not column.multiple:
                continue
            found = self._related[column.name]
            for chunk in chunked(owner_pks):
                grouped = defaultdict(list)
                for _pk, owner, identity in column.stored_rows(model, chunk):
                    grouped[owner].append(column.label(identity, self))
                for pk in chunk:
                    found[pk] = tuple(sorted(grouped.get(pk, ())))

    def related(self, column, owner_pk) -> tuple:
        if owner_pk is None:
            return ()
        return self._related[column.name].get(owner_pk, ())
