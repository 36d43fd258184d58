"""Generate a synthetic collection of any size for benchmarks."""

import datetime
import random
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from catalogue import changes, facet_counts, models, statistics, synthetic
from catalogue.bench import rows
from catalogue.images import synthetic as synthetic_images
from catalogue.search import documents, index

PUBLISHED_FROM = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
# A record as the generator writes it: plain tuples, no model instances (see bench.rows).
RECORD_COLUMNS = [
    "reference_code",
    "collection_id",
    "kind",
    "title",
    "title_en",
    "title_ru",
    "original_title",
    "original_language_id",
    "description",
    "description_en",
    "description_ru",
    "status",
    "published_at",
    "date",
    "date_earliest",
    "date_latest",
]
STATUS, KIND, COLLECTION = (
    RECORD_COLUMNS.index(name) for name in ("status", "kind", "collection_id")
)
DOCUMENT_COLUMNS = ["kind", "record_id", "public", "title", "variants", "body"]
FACET_COUNT_COLUMNS = ["filter_facet", "filter_value", "facet", "value", "count"]
# The tables the records and their facet counts are loaded into: their secondary indexes
# are dropped for the load and built again from the full tables.
LOADED_TABLES = [
    model._meta.db_table
    for model in (
        models.Record,
        models.SearchDocument,
        models.RecordPerson,
        models.Record.subjects.through,
        models.Record.events.through,
        models.Record.languages.through,
        models.RecordFacet,
        models.FacetCount,
    )
]


class Command(BaseCommand):
    help = (
        "Generate COUNT synthetic records (with people, subjects, bodies and events), "
        "deterministically from SEED, then build the search index. For benchmarks only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="How many records.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same collection.")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--images",
            type=synthetic_images.share,
            default=0,
            metavar="SHARE",
            help="Give this share of the records (0 to 1) one to three synthetic page images "
            "(drawn pages saying what they are, never scans), tiled by the image service.",
        )
        parser.add_argument(
            "--image-size",
            type=synthetic_images.image_size,
            default=synthetic_images.DEFAULT_SIZE,
            metavar="WIDTHxHEIGHT",
            help="The size of the synthetic page images (default 1600x1200).",
        )

    def handle(self, *args, count: int, seed: int, batch_size: int, **options) -> None:
        if count < 1 or batch_size < 1:
            raise CommandError("--count and --batch-size must be at least 1.")
        prefix = f"SYN{seed}"
        if models.Collection.objects.filter(reference_code=prefix).exists():
            raise CommandError(f"A synthetic collection with seed {seed} exists already.")
        started = time.monotonic()
        rng = random.Random(seed)
        russian, english = synthetic.vocabulary(seed)
        self.words = {
            "ru": synthetic.Zipf(rng, russian, exponent=0.9),
            "en": synthetic.Zipf(rng, english, exponent=0.9),
        }
        # Rows written in bulk bypass the saving path: into an empty catalogue the facet
        # counts are counted as the records are made (grouping them afterwards costs more
        # than the rest of the load); otherwise they are recounted at the end.
        self.counts = None if models.Record.objects.published().exists() else Counter()
        with rows.load_settings(connection):
            with transaction.atomic(), rows.full_text_built_once(connection):
                context = self.make_context(rng, prefix, count)
                with rows.indexes_built_after(connection, LOADED_TABLES):
                    self.make_records(rng, prefix, count, batch_size, context)
                self.stdout.write(
                    f"Records written in {time.monotonic() - started:.1f} s "
                    f"({time.process_time():.1f} s of processor time); indexing…"
                )
                indexed = count + self.index_context()
            index.optimize()
            if self.counts is None:
                changes.everything_changed()
            else:
                changes.bump()
        # PostgreSQL's planner has no statistics of the new rows yet (catalogue.statistics).
        statistics.analyze(vacuum=True)
        if options["images"]:
            synthetic_images.attach_to_generated(
                self.stdout, prefix, options["images"], seed, options["image_size"]
            )
        elapsed = time.monotonic() - started
        drafts = models.Record.objects.filter(
            reference_code__startswith=f"{prefix}-", status=models.Status.DRAFT
        ).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {count} records ({drafts} drafts), {len(context['people'])} people, "
                f"{len(context['subjects'])} subjects; indexed {indexed} documents; "
                f"{elapsed:.1f} s in all ({time.process_time():.1f} s of processor time)."
            )
        )

    def index_context(self) -> int:
        """Index the people, bodies and events (the records' documents are written with them)."""
        return sum(
            index.reindex(kind, documents.all_pks(kind))
            for kind in documents.BUILDERS
            if kind != models.DocumentKind.RECORD
        )

    def phrase(self, rng, language: str, low: int, high: int) -> str:
        return synthetic.phrase(self.words[language], rng, low, high)

    def make_context(self, rng, prefix: str, count: int) -> dict:
        slug = prefix.lower()
        languages = [
            models.Language.objects.get_or_create(
                code=code, defaults={"name_en": name_en, "name_ru": name_ru}
            )[0]
            for code, name_en, name_ru in (("ru", "Russian", "русский"), ("en", "English", ""))
        ]
        fonds = models.Collection.objects.create(
            slug=slug,
            reference_code=prefix,
            title_en=f"Synthetic collection {prefix}",
            level=models.Level.FONDS,
            description_en="Generated for benchmarks; nothing in it is historical.",
        )
        series = models.Collection.objects.bulk_create(
            models.Collection(
                slug=f"{slug}-series-{n}",
                reference_code=f"{prefix}.{n}",
                title_en=self.phrase(rng, "en", 2, 4),
                title_ru=self.phrase(rng, "ru", 2, 4),
                level=models.Level.SERIES,
                parent=fonds,
            )
            for n in range(1, 13)
        )
        return {
            "languages": languages,
            "series": synthetic.Zipf(rng, series),
            "people": self.make_people(rng, slug, max(20, min(3000, count // 50))),
            "subjects": models.Subject.objects.bulk_create(
                models.Subject(
                    slug=f"{slug}-subject-{n}",
                    label_en=self.phrase(rng, "en", 1, 3),
                    label_ru=self.phrase(rng, "ru", 1, 3),
                )
                for n in range(1, 201)
            ),
            "events": self.make_events(rng, slug),
            "organizations": models.Organization.objects.bulk_create(
                models.Organization(
                    slug=f"{slug}-body-{n}",
                    name_en=self.phrase(rng, "en", 2, 4),
                    name_ru=self.phrase(rng, "ru", 2, 4),
                    kind=rng.choice(models.OrganizationKind.values),
                )
                for n in range(1, 31)
            ),
        }

    def make_events(self, rng, slug: str) -> list[models.Event]:
        events = models.Event.objects.bulk_create(
            models.Event(
                slug=f"{slug}-event-{n}",
                name_en=self.phrase(rng, "en", 2, 5),
                name_ru=self.phrase(rng, "ru", 2, 5),
                kind=rng.choice(models.EventKind.values),
            )
            for n in range(1, 61)
        )
        self.write_dates(events, [synthetic.record_date(rng) for _ in events])
        return events

    def make_people(self, rng, slug: str, count: int) -> list[models.Person]:
        names = synthetic.person_names(rng, count)
        people = models.Person.objects.bulk_create(
            models.Person(
                slug=f"{slug}-person-{n}",
                name_en=latin,
                name_ru=cyrillic,
                native_name=cyrillic,
                native_language="ru",
                biography_en=self.phrase(rng, "en", 10, 30),
            )
            for n, (cyrillic, latin) in enumerate(names, start=1)
        )
        variants = []
        for person, (cyrillic, latin) in zip(people, names, strict=True):
            spellings = {
                synthetic.romanize(cyrillic, "german"): (models.NameKind.TRANSLITERATION, "de"),
                synthetic.romanize(cyrillic, "scholarly"): (models.NameKind.DIACRITIC, "ISO 9"),
            }
            for spelling, (kind, language) in spellings.items():
                if spelling != latin:
                    variants.append(
                        models.PersonName(
                            person=person, name=spelling, kind=kind, language=language
                        )
                    )
        models.PersonName.objects.bulk_create(variants)
        return people

    def make_records(self, rng, prefix: str, count: int, batch_size: int, context: dict) -> None:
        # Keys rather than instances: the same draws, without hashing a model per link.
        people = synthetic.Zipf(rng, [person.pk for person in context["people"]], exponent=1.1)
        subjects = synthetic.Zipf(rng, [subject.pk for subject in context["subjects"]])
        events = synthetic.Zipf(rng, [event.pk for event in context["events"]])
        kinds = list(synthetic.KIND_WEIGHTS)
        weights = list(synthetic.KIND_WEIGHTS.values())
        records = rows.Table(models.Record, RECORD_COLUMNS)
        documents_ = rows.Table(models.SearchDocument, DOCUMENT_COLUMNS)
        self.tables = {
            "people": rows.Table(models.RecordPerson, ["record_id", "person_id", "role"]),
            "facets": rows.Table(models.RecordFacet, ["record_id", "facet", "value"]),
            **{
                name: rows.Table(
                    getattr(models.Record, name).through, ["record_id", f"{name[:-1]}_id"]
                )
                for name in ("subjects", "events", "languages")
            },
        }
        names = documents.names_of_people([person.pk for person in context["people"]])
        for start in range(0, count, batch_size):
            batch, links = [], []
            for n in range(start + 1, min(count, start + batch_size) + 1):
                batch.append(self.make_record(rng, prefix, n, kinds, weights, context))
                links.append(
                    (
                        people.sample(rng.choice((0, 1, 1, 1, 2, 2, 3))),
                        subjects.sample(rng.randint(1, 3)),
                        events.sample(rng.choice((0, 0, 1))),
                    )
                )
            pks = records.write(batch)
            self.write_links(rng, pks, batch, links, context["languages"])
            documents_.write(self.record_documents(pks, batch, links, names))
            self.stdout.write(f"\r  records: {start + len(batch)}/{count}", ending="")
            self.stdout.flush()
        if self.counts is not None:
            # With no published record every count there was is nought (the list's total).
            models.FacetCount.objects.all().delete()
            rows.Table(models.FacetCount, FACET_COUNT_COLUMNS).write(
                [(*key, amount) for key, amount in sorted(self.counts.items())]
            )
        for table in [records, documents_, *self.tables.values()]:
            table.finish()
        self.stdout.write("")

    def make_record(self, rng, prefix, n, kinds, weights, context) -> tuple:
        """One record as a row of RECORD_COLUMNS; the draws in the order they always were."""
        has_russian = rng.random() < 0.8
        draft = rng.random() < synthetic.DRAFT_SHARE
        title_ru = self.phrase(rng, "ru", 3, 9) if has_russian else ""
        collection = context["series"].draw()
        kind = rng.choices(kinds, weights)[0]
        title_en = self.phrase(rng, "en", 3, 9)
        description_en = self.phrase(rng, "en", 15, 50)
        description_ru = self.phrase(rng, "ru", 15, 50) if rng.random() < 0.5 else ""
        date = synthetic.record_date(rng)
        return (
            f"{prefix}-{n:06d}",
            collection.pk,
            kind,
            title_en,  # the untranslated column holds the default language, as on save
            title_en,
            title_ru,
            title_ru,
            context["languages"][0 if has_russian else 1].pk,
            description_en,
            description_en,
            description_ru,
            models.Status.DRAFT if draft else models.Status.PUBLISHED,
            None if draft else PUBLISHED_FROM + datetime.timedelta(minutes=n),
            *date,
        )

    def write_dates(self, objects: list, dates: list) -> None:
        # The EDTF field would parse every date on save (milliseconds each); the generator
        # knows the bounds of the dates it makes, so it writes them directly.
        table = connection.ops.quote_name(objects[0]._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET date = %s, date_earliest = %s, date_latest = %s WHERE id = %s",
                [(*date, obj.pk) for obj, date in zip(objects, dates, strict=True)],
            )

    def write_links(self, rng, pks, batch, links, languages) -> None:
        # The roles the generator has always drawn from ("other" wants a note it cannot write),
        # so that a seed keeps giving the same collection.
        roles = [role for role in models.PersonRole.values if role != models.PersonRole.OTHER]
        russian, english = (language.pk for language in languages)
        parts, tags, occasions, spoken, facets = [], [], [], [], []
        for pk, row, (people, subjects, events) in zip(pks, batch, links, strict=True):
            for position, person in enumerate(people):
                role = models.PersonRole.AUTHOR if position == 0 else rng.choice(roles)
                parts.append((pk, person, role))
            tags += [(pk, subject) for subject in subjects]
            occasions += [(pk, event) for event in events]
            original = row[RECORD_COLUMNS.index("original_language_id")]
            languages = [original]
            if rng.random() < 0.2:
                languages.append(english if original == russian else russian)
            spoken += [(pk, language) for language in languages]
            if self.counts is not None and row[STATUS] == models.Status.PUBLISHED:
                values = {("kind", row[KIND]), ("collection", str(row[COLLECTION]))}
                values.update(("subject", str(subject)) for subject in subjects)
                values.update(("person", str(person)) for person in people)
                values.update(("language", str(language)) for language in languages)
                facets += [(pk, facet, value) for facet, value in sorted(values)]
                self.counts.update(facet_counts.contributions(values))
        self.tables["facets"].write(facets)
        self.tables["people"].write(parts)
        self.tables["subjects"].write(tags)
        self.tables["events"].write(occasions)
        self.tables["languages"].write(spoken)

    def record_documents(self, pks, batch, links, names) -> list[tuple]:
        """The search documents of a batch, from the rows just written: what a rebuild makes."""
        built = []
        for pk, row, (people, _subjects, _events) in zip(pks, batch, links, strict=True):
            record = dict(zip(RECORD_COLUMNS, row, strict=True)) | {"pk": pk}
            fields = documents.record_fields(
                record, [name for person in people for name in names[person]]
            )
            built.append(tuple(fields[column] for column in DOCUMENT_COLUMNS))
        return built
