import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from methods.importers.scholargate import write_export

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Write the whole catalogue (working copies, every published version, "
        "every language) to PATH as JSON Lines; see the README for the format."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, verbosity: int, **options) -> None:
        try:
            with path.open("w", encoding="utf-8") as out:
                count = write_export(out)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from None
        logger.info("Exported %d entries to %s", count, path)
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Exported {count} entries to {path}.")
            )
