from .people import PersonFilterSet
from .records import RecordFilterSet

__all__ = ["PersonFilterSet", "RecordFilterSet"]
