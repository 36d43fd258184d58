from django.shortcuts import redirect, render
from django.utils.translation import get_language_from_request


def language_redirect(request):
    """Send ``/`` to the home page in the visitor's language (``/en/`` or ``/ru/``)."""
    return redirect(f"/{get_language_from_request(request)}/")


def home(request):
    return render(request, "catalogue/home.html", {})
