"""Settings refuse bad values loudly, naming the variable."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from scholargate.settings import database_settings, env_bool, env_list


def test_env_bool_reads_common_words(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")

    assert env_bool("FLAG", False) is True


def test_env_bool_names_the_variable_on_a_bad_value(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe'"):
        env_bool("DEBUG", True)


def test_env_list_refuses_an_empty_list(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " , ")

    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        env_list("ALLOWED_HOSTS", [])


def test_database_url_must_be_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///db.sqlite3")

    with pytest.raises(ImproperlyConfigured, match="PostgreSQL"):
        database_settings(debug=True)


def test_without_database_url_local_work_uses_the_embedded_server(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)

    assert database_settings(debug=True)["ENGINE"] == "scholargate.embedded_postgres"


def test_production_requires_a_database_url(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)

    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_settings(debug=False)


def start_django(code: str = "", **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={
            "DJANGO_SETTINGS_MODULE": "scholargate.settings",
            "PATH": "/usr/bin:/bin",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_start_up_without_a_secret_key_stops_with_its_name():
    result = start_django(
        DEBUG="0", DATABASE_URL="postgres://u@localhost/db", ALLOWED_HOSTS="x.org"
    )

    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize(
    "env",
    [
        {"DEBUG": "1"},
        {
            "DEBUG": "0",
            "SECRET_KEY": "k" * 60,
            "DATABASE_URL": "postgres://u@localhost/db",
            "ALLOWED_HOSTS": "x.org",
        },
    ],
)
def test_a_django_warning_is_printed_once(env):
    result = start_django(
        code="import logging; logging.getLogger('django.request').warning('Not Found')",
        **env,
    )

    assert result.stderr.count("Not Found") == 1
