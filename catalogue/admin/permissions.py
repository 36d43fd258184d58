"""The roles' rules that permissions alone cannot say: a published record belongs to curators.

An Editor holds the same model permissions as a Curator except ``publish_record``; these
checks keep a published record, and what belongs to it, read-only for such a user.
"""

from catalogue.models import Copy, Record, Status

PUBLISH_PERMISSION = "catalogue.publish_record"


def may_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def may_delete(user, losses) -> bool:
    """Whether ``user`` may delete what would cut published records' links (``losses``):
    only a curator, who is shown them first; anyone with the permission when there are none."""
    return not losses or may_publish(user)


def is_locked(user, record) -> bool:
    """True when ``record`` is published and ``user`` may not publish."""
    return isinstance(record, Record) and record.is_published and not may_publish(user)


class PublishedRecordGuard:
    """Refuses adding, changing and deleting what belongs to a published record to non-curators.

    ``guarded_record(obj)`` names the record an object belongs to. For an inline, ``obj`` is the
    parent object the admin passes in.
    """

    def guarded_record(self, obj) -> Record | None:
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # What a non-curator attaches to a record must belong to a draft.
        if not may_publish(request.user):
            if db_field.name == "record":
                kwargs["queryset"] = Record.objects.drafts()
            elif db_field.name == "copy":
                kwargs["queryset"] = Copy.objects.filter(record__status=Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not is_locked(
            request.user, self.guarded_record(obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not is_locked(
            request.user, self.guarded_record(obj)
        )


class PublishedRecordInlineGuard(PublishedRecordGuard):
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not is_locked(
            request.user, self.guarded_record(obj)
        )
