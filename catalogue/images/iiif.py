"""The IIIF Image API 3, level 0, as static files: which tiles and sizes an image has, where
they are, and its ``info.json``.

Everything here is arithmetic on an image's width and height: no file is opened and no query
run, so a page can name the thumbnail of every image it lists at no cost. The files themselves
are made by ``catalogue.images.service``.

An image's files live in one directory named by its random ``key``::

    iiif/<key>/info.json
    iiif/<key>/full/<w>,<h>/0/default.jpg                 one per entry of "sizes"
    iiif/<key>/full/max/0/default.jpg                     when the whole image fits in one tile
    iiif/<key>/<x>,<y>,<w>,<h>/<tw>,<th>/0/default.jpg    the tiles, at every scale factor

The tile names are the ones a IIIF 3 client computes from ``info.json`` (OpenSeadragon's rules:
``full`` for a region covering the whole image, ``max`` for a size equal to it).
"""

import dataclasses
import math

from django.conf import settings

TILE_SIZE = 512
TILE_FORMAT = "jpg"
CONTEXT = "http://iiif.io/api/image/3/context.json"
# The sizes shown on pages, by the longest side they need at most.
THUMBNAIL_SIDE = 400
DISPLAY_SIDE = 1600


@dataclasses.dataclass(frozen=True)
class Tile:
    """One tile of an image's pyramid: its path under the image's directory, its pixel size,
    and where it starts in the image scaled down by its scale factor."""

    path: str
    width: int
    height: int
    level_x: int
    level_y: int


def scale_factors(width: int, height: int) -> list[int]:
    """1, 2, 4, … up to the first factor at which the whole image fits in one tile."""
    factors = [1]
    while math.ceil(width / factors[-1]) > TILE_SIZE or math.ceil(height / factors[-1]) > TILE_SIZE:
        factors.append(factors[-1] * 2)
    return factors


def level_size(width: int, height: int, factor: int) -> tuple[int, int]:
    """The size of the whole image at ``factor`` (rounded up, as IIIF clients do)."""
    return math.ceil(width / factor), math.ceil(height / factor)


def sizes(width: int, height: int) -> list[tuple[int, int]]:
    """Every full-image size there is a file of, smallest first: one per scale factor."""
    return sorted(level_size(width, height, factor) for factor in scale_factors(width, height))


def size_path(size: tuple[int, int]) -> str:
    """The path, under an image's directory, of the whole image at ``size``."""
    return f"full/{size[0]},{size[1]}/0/default.{TILE_FORMAT}"


def tiles_at(width: int, height: int, factor: int) -> list[Tile]:
    """The tiles a IIIF 3 client asks for at ``factor``: a region of ``TILE_SIZE × factor``
    pixels each, named ``full`` when it is the whole image, sized ``max`` when unscaled and
    whole."""
    level_width, level_height = level_size(width, height, factor)
    region = TILE_SIZE * factor
    found = []
    for y in range(0, height, region):
        for x in range(0, width, region):
            region_width, region_height = min(region, width - x), min(region, height - y)
            level_x, level_y = x // factor, y // factor
            tile_width = min(TILE_SIZE, level_width - level_x)
            tile_height = min(TILE_SIZE, level_height - level_y)
            whole = (x, y, region_width, region_height) == (0, 0, width, height)
            region_name = "full" if whole else f"{x},{y},{region_width},{region_height}"
            unscaled = (tile_width, tile_height) == (width, height)
            size_name = "max" if unscaled else f"{tile_width},{tile_height}"
            path = f"{region_name}/{size_name}/0/default.{TILE_FORMAT}"
            found.append(Tile(path, tile_width, tile_height, level_x, level_y))
    return found


def tiles(width: int, height: int) -> list[Tile]:
    """Every tile of the pyramid, at every scale factor."""
    return [
        tile for factor in scale_factors(width, height) for tile in tiles_at(width, height, factor)
    ]


def directory(key: str) -> str:
    """The directory of an image's files, relative to the public or the private root."""
    return f"iiif/{key}"


def public_path(key: str) -> str:
    """The address path of an image's IIIF service, once its record is published."""
    return f"/{settings.MEDIA_URL.strip('/')}/{directory(key)}"


def info(service_id: str, width: int, height: int) -> dict:
    """The ``info.json`` of a level-0 image: exactly the sizes and tiles there are files of."""
    return {
        "@context": CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": width,
        "height": height,
        "sizes": [{"width": w, "height": h} for w, h in sizes(width, height)],
        "tiles": [
            {
                "width": TILE_SIZE,
                "height": TILE_SIZE,
                "scaleFactors": scale_factors(width, height),
            }
        ],
        "preferredFormats": [TILE_FORMAT],
    }


def best_size(width: int, height: int, longest: int) -> tuple[int, int]:
    """The largest listed size whose longest side is at most ``longest`` (the smallest if
    none is)."""
    ladder = sizes(width, height)
    fitting = [size for size in ladder if max(size) <= longest]
    return fitting[-1] if fitting else ladder[0]


def size_url(key: str, width: int, height: int, longest: int) -> str:
    """The public address path of the listed size that best fits ``longest``."""
    size = best_size(width, height, longest)
    return f"{public_path(key)}/{size_path(size)}"
