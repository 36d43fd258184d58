"""Path converters: an address that cannot name a catalogued object is a 404 before any query."""

from .models.core import CODE_PATTERN


class ReferenceCodeConverter:
    """A record's reference code, as the model's validator allows it (no control character)."""

    regex = CODE_PATTERN.removeprefix("^").removesuffix("$")

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
