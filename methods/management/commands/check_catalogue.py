from django.core.management.base import BaseCommand, CommandError

from methods.catalogue import CatalogueError, read_catalogue
from methods.content import method_content
from methods.models import Method
from methods.quality import CHECKS, check_catalogue


class Command(BaseCommand):
    help = (
        "Report data quality findings (malformed DOIs, broken or one-sided related "
        "links, repeated aliases, entries without sources, unlikely years, missing "
        "Chinese names, likely duplicates); exits non-zero when there are any."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--fixtures",
            action="store_true",
            help="Check the shipped fixtures/ instead of the database's working copies.",
        )

    def handle(self, *args, fixtures: bool, verbosity: int, **options) -> None:
        if fixtures:
            try:
                _taxonomy, entries = read_catalogue()
            except CatalogueError as error:
                raise CommandError(str(error)) from None
        else:
            methods = (
                Method.objects.select_related("field", "family")
                .prefetch_related("aliases", "references", "related", "sources")
                .order_by("slug")
            )
            entries = [method_content(method) for method in methods]

        findings = check_catalogue(entries)
        if verbosity >= 1:
            for finding in findings:
                self.stdout.write(str(finding))
        counts = dict.fromkeys(CHECKS, 0)
        for finding in findings:
            counts[finding.check] += 1
        summary = ", ".join(f"{count} {check}" for check, count in counts.items())
        if findings:
            raise CommandError(
                f"{len(findings)} findings in {len(entries)} entries ({summary})."
            )
        self.stdout.write(self.style.SUCCESS(f"No findings in {len(entries)} entries."))
