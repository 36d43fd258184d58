from .agents import Event, Person, PersonName
from .choices import (
    Certainty,
    EventKind,
    Level,
    MembershipRole,
    NameKind,
    OrganizationKind,
    OrganizationRole,
    PersonRole,
    RecordKind,
    RelationType,
    SourceKind,
    Status,
)
from .core import Collection, Language, Source, Subject
from .fields import EDTFField, edtf_bounds, set_edtf_bounds
from .holdings import Claim, Copy, Image
from .organizations import Membership, Organization, OrganizationSeats
from .record_links import RecordOrganization, RecordPerson, RecordRelation
from .records import Record
from .search import DocumentKind, FullTextEntry, SearchDocument
from .tombstones import FormerReference, Tombstone

__all__ = [
    "Certainty",
    "Claim",
    "Collection",
    "Copy",
    "DocumentKind",
    "EDTFField",
    "Event",
    "EventKind",
    "FormerReference",
    "FullTextEntry",
    "Image",
    "Language",
    "Level",
    "Membership",
    "MembershipRole",
    "NameKind",
    "Organization",
    "OrganizationKind",
    "SourceKind",
    "OrganizationRole",
    "OrganizationSeats",
    "Person",
    "PersonName",
    "PersonRole",
    "Record",
    "RecordKind",
    "RecordOrganization",
    "RecordPerson",
    "RecordRelation",
    "RelationType",
    "SearchDocument",
    "Source",
    "Status",
    "Subject",
    "Tombstone",
    "edtf_bounds",
    "set_edtf_bounds",
]
