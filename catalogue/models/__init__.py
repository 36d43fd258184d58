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
from .counts import ChangeMarker, FacetCount, RecordFacet
from .fields import EDTFField, edtf_bounds, set_edtf_bounds
from .holdings import Claim, Copy, Image
from .organizations import Membership, Organization, OrganizationSeats
from .record_links import RecordOrganization, RecordPerson, RecordRelation
from .records import Record
from .search import DocumentKind, FullTextEntry, SearchDocument
from .tombstones import FormerReference, Tombstone

__all__ = [
    "Certainty",
    "ChangeMarker",
    "Claim",
    "Collection",
    "Copy",
    "DocumentKind",
    "EDTFField",
    "Event",
    "FacetCount",
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
    "RecordFacet",
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
