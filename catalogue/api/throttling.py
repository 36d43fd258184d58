"""A limit on requests per client address, counted in Django's cache (shared by processes)."""

from django.conf import settings
from ninja.throttling import AnonRateThrottle


class AddressRateThrottle(AnonRateThrottle):
    """ninja's throttle, with the rate read from ``CATALOGUE_API_RATE`` at each request.

    Reading it late lets a deployment, or a test, change it without rebuilding the API. A
    refused request gets 429 with ``Retry-After`` from ninja.
    """

    scope = "catalogue-api"

    def __init__(self):
        self.rate = "settings.CATALOGUE_API_RATE"
        self.num_requests, self.duration = settings.CATALOGUE_API_RATE

    def allow_request(self, request) -> bool:
        self.num_requests, self.duration = settings.CATALOGUE_API_RATE
        return super().allow_request(request)
