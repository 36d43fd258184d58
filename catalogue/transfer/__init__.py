"""Bulk import and export of records, copies, people, organizations and memberships.

The admin and the ``import_catalogue`` command use the same two steps::

    plan = plan_import(file_obj, "people.csv", kind=None, user=request.user)
    if not plan.has_errors:
        apply_import(plan, user=request.user)

The file format is described in the README (Bulk import and export).
"""

from .applying import ImportRefused, apply_import
from .columns import SEPARATOR
from .exporting import WRITERS, export_rows, write_csv, write_json
from .kinds import KINDS, Kind
from .planning import CREATE, ERROR, UNCHANGED, UPDATE, ImportPlan, RowPlan, infer_kind, plan_import

__all__ = [
    "CREATE",
    "ERROR",
    "KINDS",
    "SEPARATOR",
    "UNCHANGED",
    "UPDATE",
    "WRITERS",
    "ImportPlan",
    "ImportRefused",
    "Kind",
    "RowPlan",
    "apply_import",
    "export_rows",
    "infer_kind",
    "plan_import",
    "write_csv",
    "write_json",
]
