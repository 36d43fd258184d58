"""Autocomplete widgets that render already-loaded choices without asking the database again.

Django's autocomplete widget looks up its selected object on every render: one query per row
of an inline. The admin's inline querysets load those objects with ``select_related`` and
``prefetch_related``; ``KnownChoicesForm`` hands them to the widgets, so a form with three
inline rows costs as many queries as a form with one.
"""

from django import forms
from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.core.exceptions import ValidationError


class KnownChoicesMixin:
    known: dict[str, str] = {}

    def optgroups(self, name, value, attr=None):
        # A submitted value that cannot even be a key ("abc" for a number) is already a form
        # error; looking it up to show the form again would raise instead of showing that error.
        value = [item for item in value if self._could_be_key(item)]
        empty = self.choices.field.empty_values
        selected = [str(v) for v in value if str(v) not in empty]
        if not selected or not set(selected) <= self.known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for key in selected:
            options.append(self.create_option(name, key, self.known[key], True, len(options)))
        return [(None, options, 0)]

    def _could_be_key(self, item) -> bool:
        remote = self.field.remote_field
        options = remote.model._meta
        target = options.get_field(getattr(remote, "field_name", options.pk.attname))
        try:
            target.to_python(item)
        except ValidationError:
            return False
        return True


class KnownAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    pass


class KnownAutocompleteSelectMultiple(KnownChoicesMixin, AutocompleteSelectMultiple):
    pass


def _known_widget(field: forms.Field):
    widget = field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    return widget if isinstance(widget, KnownChoicesMixin) else None


class KnownChoicesForm(forms.ModelForm):
    """Passes the related objects already loaded on the instance to its autocomplete widgets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        prefetched = getattr(self.instance, "_prefetched_objects_cache", {})
        for name, field in self.fields.items():
            widget = _known_widget(field)
            if widget is None:
                continue
            model_field = self.instance._meta.get_field(name)
            if model_field.many_to_many and name in prefetched:
                objects = list(prefetched[name])
            elif model_field.many_to_one and model_field.is_cached(self.instance):
                related = getattr(self.instance, name)
                objects = [related] if related is not None else []
            else:
                continue
            widget.known = {str(obj.pk): field.label_from_instance(obj) for obj in objects}
