"""The embedded server's bookkeeping of the processes that use it."""

import json
import os
import subprocess
import sys

import pytest

from scholargate.embedded_postgres import USERS_FILE, forget_dead_users


@pytest.fixture(autouse=True)
def runtime_dir(monkeypatch, tmp_path):
    """Where the library keeps its lock, as `socket_dir` sets it up."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))


def test_processes_that_died_are_taken_off_the_list_of_users(tmp_path):
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(finished.stdout)
    (tmp_path / USERS_FILE).write_text(json.dumps([os.getpid(), dead]))

    forget_dead_users(tmp_path)

    assert json.loads((tmp_path / USERS_FILE).read_text()) == [os.getpid()]


def test_no_list_of_users_is_left_alone(tmp_path):
    forget_dead_users(tmp_path)

    assert not (tmp_path / USERS_FILE).exists()
