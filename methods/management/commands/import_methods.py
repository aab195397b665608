import logging
import sys
from collections.abc import Iterable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from methods.importers import ImportFailed
from methods.importers.merge import ImportReport, import_records
from methods.importers.obo import read_obo
from methods.importers.pwc import read_pwc
from methods.importers.scholargate import read_scholargate

logger = logging.getLogger(__name__)

SOURCES = {
    "pwc": "Papers with Code",
    "obo": "the Artificial Intelligence Ontology",
    "scholargate": "a ScholarGate export",
}


class Command(BaseCommand):
    help = (
        "Import methods from a Papers with Code dump (pwc), an OBO ontology (obo) "
        "or a ScholarGate export (scholargate). Entries matching existing ones by "
        "slug, name or alias are merged; new entries are drafts unless --publish."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("format", choices=sorted(SOURCES))
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change without writing anything.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish new and changed entries as their next version.",
        )

    def handle(
        self,
        *args,
        format: str,
        path: Path,
        dry_run: bool,
        publish: bool,
        verbosity: int,
        **options,
    ) -> None:
        logger.info("Importing %s from %s", format, path)
        try:
            records, taxa = _read(format, path)
            report = import_records(
                records,
                taxa=taxa,
                source=SOURCES[format],
                publish_entries=publish,
                dry_run=dry_run,
                progress=lambda items: self._progress(items, verbosity),
            )
        except ImportFailed as error:
            raise CommandError(f"Nothing was imported: {error}") from None
        self._summary(report, dry_run, verbosity)

    def _progress(self, items: list, verbosity: int) -> Iterable:
        return tqdm(
            items,
            desc="Writing entries",
            unit="entry",
            file=sys.stderr,
            disable=verbosity == 0 or not sys.stderr.isatty(),
        )

    def _summary(self, report: ImportReport, dry_run: bool, verbosity: int) -> None:
        if verbosity >= 2:
            for kind in ("created", "updated", "merged"):
                for slug in getattr(report, kind):
                    self.stdout.write(f"{kind:<9} {slug}")
            for taxon in report.taxa_created:
                self.stdout.write(f"new taxon {taxon}")
        if verbosity >= 1:
            for label, reason in report.skipped:
                self.stdout.write(f"skipped   {label}: {reason}")
            for conflict in report.conflicts:
                self.stdout.write(f"conflict  {conflict}")
        prefix = "Would import" if dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}: {len(report.created)} created, "
                f"{len(report.updated)} updated, {len(report.merged)} merged, "
                f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped; "
                f"{len(report.conflicts)} conflicts kept the catalogue's value; "
                f"{report.links_added} related links added, "
                f"{report.links_dropped} links to records not in the file dropped; "
                f"{len(report.taxa_created)} fields and families created."
            )
        )


def _read(format: str, path: Path):
    if format == "pwc":
        return read_pwc(path)
    if format == "obo":
        return read_obo(path), None
    return read_scholargate(path)
