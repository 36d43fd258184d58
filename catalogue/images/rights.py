"""Rights statements an image may carry: a RightsStatements.org statement or a Creative Commons
licence or public-domain tool, by its URI (what IIIF's ``rights`` property accepts).

``validate_rights`` is the validator of ``Image.rights``, so the admin, the bulk ingest and
``full_clean()`` accept the same URIs; ``canonical_rights`` is the form they are stored in.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# https://rightsstatements.org/page/1.0/ : InC, InC-OW-EU, InC-EDU, InC-NC, InC-RUU, NoC-CR,
# NoC-NC, NoC-OKLR, NoC-US, CNE, UND, NKC.
_RIGHTS_STATEMENT = re.compile(
    r"^https?://rightsstatements\.org/(?:vocab|page)/"
    r"(InC|InC-OW-EU|InC-EDU|InC-NC|InC-RUU|NoC-CR|NoC-NC|NoC-OKLR|NoC-US|CNE|UND|NKC)/1\.0/?$"
)
# https://creativecommons.org/licenses/ and the public domain tools CC0 and the Mark.
_CREATIVE_COMMONS_LICENCE = re.compile(
    r"^https?://creativecommons\.org/licenses/"
    r"(by|by-sa|by-nd|by-nc|by-nc-sa|by-nc-nd)/(1\.0|2\.0|2\.5|3\.0|4\.0)/?$"
)
_CREATIVE_COMMONS_PUBLIC_DOMAIN = re.compile(
    r"^https?://creativecommons\.org/publicdomain/(zero|mark)/1\.0/?$"
)


def canonical_rights(uri: str) -> str:
    """``uri`` in the one form IIIF and the statements' publishers give: ``http://``, the
    vocabulary path, a closing slash. Returns ``uri`` unchanged when it is none of them."""
    value = uri.strip()
    if match := _RIGHTS_STATEMENT.match(value):
        return f"http://rightsstatements.org/vocab/{match.group(1)}/1.0/"
    if match := _CREATIVE_COMMONS_LICENCE.match(value):
        return f"http://creativecommons.org/licenses/{match.group(1)}/{match.group(2)}/"
    if match := _CREATIVE_COMMONS_PUBLIC_DOMAIN.match(value):
        return f"http://creativecommons.org/publicdomain/{match.group(1)}/1.0/"
    return uri


def is_rights_uri(uri: str) -> bool:
    value = (uri or "").strip()
    return any(
        pattern.match(value)
        for pattern in (
            _RIGHTS_STATEMENT,
            _CREATIVE_COMMONS_LICENCE,
            _CREATIVE_COMMONS_PUBLIC_DOMAIN,
        )
    )


def validate_rights(value: str) -> None:
    """Refuse a rights value that is not a RightsStatements.org or Creative Commons URI."""
    if value and not is_rights_uri(value):
        raise ValidationError(
            _(
                "%(value)s is not a rights statement the catalogue knows: give a "
                "RightsStatements.org URI (for example http://rightsstatements.org/vocab/InC/1.0/) "
                "or a Creative Commons licence or public domain URI (for example "
                "http://creativecommons.org/publicdomain/mark/1.0/)."
            )
            % {"value": value},
            code="unknown_rights",
        )
