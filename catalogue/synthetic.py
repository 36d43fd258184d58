"""A synthetic collection of any size, for benchmarks: deterministic from a seed.

Nothing here is historical: names, titles and words are syllable combinations drawn from a
seeded random generator, skewed the way a real catalogue is (a few people, subjects, kinds
and years are very common, most are rare).
"""

import bisect
import calendar
import datetime
import itertools
import random

from .models import RecordKind
from .search.romanize import romanize

RUSSIAN_ONSETS = "б в г д ж з к л м н п р с т ф х ц ч ш щ бр вл гр др кр пр ст тр сл зв".split()
RUSSIAN_VOWELS = "а а о о е и у ы я ю ё".split()
RUSSIAN_ENDINGS = ["", "", "ов", "ие", "ость", "ский", "ная", "ник", "ение", "ый", "ка"]
ENGLISH_ONSETS = "b c d f g h k l m n p r s t v w th sh ch st tr pl gr br".split()
ENGLISH_VOWELS = "a e i o u a e ea ou ai".split()
ENGLISH_ENDINGS = ["", "", "", "tion", "ment", "ness", "ing", "al", "ity", "er", "s"]
SURNAME_ENDINGS = ["ов", "ев", "ин", "ёв", "ский", "енко", "ик"]
FEMININE = {"ов": "ова", "ев": "ева", "ин": "ина", "ёв": "ёва", "ский": "ская"}

# How often each kind occurs, most common first.
KIND_WEIGHTS = {
    RecordKind.SPEECH: 24,
    RecordKind.LETTER: 20,
    RecordKind.REPORT: 15,
    RecordKind.PHOTOGRAPH: 12,
    RecordKind.PUBLICATION: 11,
    RecordKind.RESOLUTION: 9,
    RecordKind.LIST: 6,
    RecordKind.MINUTES: 3,
}
DRAFT_SHARE = 0.1


class Zipf:
    """Draws items with probability falling as 1/rank: the first few dominate."""

    def __init__(self, rng: random.Random, items: list, exponent: float = 1.0):
        self.rng = rng
        self.items = items
        self.cumulative = list(
            itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(len(items)))
        )
        self.total = self.cumulative[-1]

    def draw(self):
        return self.items[bisect.bisect_left(self.cumulative, self.rng.random() * self.total)]

    def draws(self, count: int) -> list:
        """``count`` draws, as ``draw()`` would make them one by one (a million records make
        tens of millions of draws: the loop is kept free of attribute look-ups)."""
        random, cumulative, total, items = self.rng.random, self.cumulative, self.total, self.items
        return [items[bisect.bisect_left(cumulative, random() * total)] for _ in range(count)]

    def sample(self, count: int) -> list:
        return list(dict.fromkeys(self.draws(count)))


def _words(rng, onsets, vowels, endings, count: int) -> list[str]:
    found: dict[str, None] = {}
    while len(found) < count:
        syllables = rng.choice((1, 2, 2, 3, 3, 4))
        stem = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables))
        found[stem + rng.choice(endings)] = None
    return list(found)


def vocabulary(seed: int, size: int = 6000) -> tuple[list[str], list[str]]:
    """``size`` Russian and ``size`` English-looking words, most frequent first."""
    rng = random.Random(f"vocabulary-{seed}")
    russian = _words(rng, RUSSIAN_ONSETS, RUSSIAN_VOWELS, RUSSIAN_ENDINGS, size)
    english = _words(rng, ENGLISH_ONSETS, ENGLISH_VOWELS, ENGLISH_ENDINGS, size)
    return russian, english


def person_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (Cyrillic, Latin) names; the Latin one is BGN/PCGN, ``ё`` as ``e``."""
    given = _words(rng, RUSSIAN_ONSETS, "а о е и у".split(), ["", "ий", "ей", "а"], 200)
    names: dict[str, None] = {}
    while len(names) < count:
        first = rng.choice(given)
        stem = "".join(rng.choice(RUSSIAN_ONSETS) + rng.choice("аоеиу") for _ in range(2))
        ending = rng.choice(SURNAME_ENDINGS)
        if first.endswith("а"):
            ending = FEMININE.get(ending, ending)
        names[f"{first.capitalize()} {stem.capitalize()}{ending}"] = None
    return [(name, romanize(name, "english")) for name in names]


def phrase(zipf: Zipf, rng: random.Random, low: int, high: int) -> str:
    text = " ".join(zipf.draws(rng.randint(low, high)))
    return text[:1].upper() + text[1:]


def record_date(rng: random.Random) -> tuple[str, datetime.date | None, datetime.date | None]:
    """An EDTF date with its bounds, bunched around February 1956, sometimes imprecise."""
    roll = rng.random()
    if roll < 0.03:
        return "", None, None
    if roll < 0.55:
        day = datetime.date(1956, 2, 1) + datetime.timedelta(days=int(rng.gauss(20, 45)))
    elif roll < 0.9:
        day = datetime.date(1953, 3, 5) + datetime.timedelta(days=rng.randrange(12 * 365))
    else:
        day = datetime.date(1917, 1, 1) + datetime.timedelta(days=rng.randrange(74 * 365))
    precision = rng.random()
    if precision < 0.75:
        return day.isoformat(), day, day
    if precision < 0.87:
        last = calendar.monthrange(day.year, day.month)[1]
        return f"{day:%Y-%m}", day.replace(day=1), day.replace(day=last)
    if precision < 0.95:
        return f"{day.year}", datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    end = day + datetime.timedelta(days=rng.randint(1, 40))
    return f"{day.isoformat()}/{end.isoformat()}", day, end
