from django.core.management.base import BaseCommand, CommandError

from methods.catalogue import CatalogueError, load_catalogue


class Command(BaseCommand):
    help = (
        "Load the curated default catalogue from fixtures/: new and changed "
        "entries are published as their next version; loading twice changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change without writing anything.",
        )

    def handle(self, *args, dry_run: bool, verbosity: int, **options) -> None:
        try:
            report = load_catalogue(dry_run=dry_run)
        except CatalogueError as error:
            raise CommandError(f"The catalogue was not loaded: {error}") from None

        if verbosity >= 2:
            for slug in report.created:
                self.stdout.write(f"created   {slug}")
            for slug in report.updated:
                self.stdout.write(f"updated   {slug}")
            for slug in report.kept:
                self.stdout.write(f"kept      {slug} (changed by editors)")
        prefix = "Would load" if dry_run else "Loaded"
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix} the catalogue: {len(report.created)} created, "
                f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
                f"{len(report.kept)} kept as editors left them."
            )
        )
