# Sourced by the bin/ commands: a project-local .venv with the pinned stack.
# Creates it on first use and re-installs when pyproject.toml changes.

cd "$(dirname "${BASH_SOURCE[0]}")/.."

find_python() {
    local candidate
    for candidate in \
        "${PYTHON:-}" \
        "$(command -v python3.13 2>/dev/null)" \
        "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3 \
        "$(command -v python3 2>/dev/null)"; do
        [ -n "$candidate" ] && [ -x "$candidate" ] || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 13))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if [ ! -x .venv/bin/python ]; then
    if ! python=$(find_python); then
        echo "ScholarGate needs Python 3.13 or newer. Install it (e.g. 'pyenv install 3.13')" >&2
        echo "or point PYTHON at one: PYTHON=/path/to/python3.13 $0" >&2
        exit 1
    fi
    echo "Creating .venv with $python" >&2
    "$python" -m venv .venv
fi

stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "Installing dependencies into .venv" >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check . --group dev
    rm -f .venv/.installed-*
    touch "$stamp"
fi

export PATH="$PWD/.venv/bin:$PATH"
