"""What the deletion and recovery tests share: the admin's delete and recover pages."""

from django.urls import reverse

from .helpers import changelist_url


def delete_url(obj) -> str:
    return reverse(f"admin:catalogue_{obj._meta.model_name}_delete", args=[obj.pk])


def recover_list_url(model) -> str:
    return reverse(f"admin:catalogue_{model._meta.model_name}_recoverlist")


def recover_url(model, version) -> str:
    return reverse(f"admin:catalogue_{model._meta.model_name}_recover", args=[version.pk])


def delete_selected(client, objects, confirmed: bool = True, follow: bool = False):
    data = {"action": "delete_selected", "_selected_action": [obj.pk for obj in objects]}
    if confirmed:
        data["post"] = "yes"
    return client.post(changelist_url(type(objects[0])), data, follow=follow)


def recover(client, model) -> str:
    """Recover the one deleted ``model`` from its "Recover deleted" list; the page's text."""
    (version,) = client.get(recover_list_url(model)).context["versions"]
    confirmation = client.get(recover_url(model, version)).content.decode()
    response = client.post(recover_url(model, version))
    assert response.status_code == 302
    return confirmation


def public_page(client, record) -> str:
    return client.get(f"/en/records/{record.reference_code}/").content.decode()


LOSS = (
    "These 2 published records will lose the subject “Peaceful coexistence”: TEST-PUB-1, TEST-PUB-2"
)
