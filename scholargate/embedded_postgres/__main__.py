"""`python -m scholargate.embedded_postgres stop` stops the project's server."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scholargate.settings")
django.setup()

from scholargate.embedded_postgres import stop  # noqa: E402

if sys.argv[1:] != ["stop"]:
    sys.exit("usage: python -m scholargate.embedded_postgres stop")
print("Stopped the embedded PostgreSQL." if stop() else "No embedded PostgreSQL runs.")
