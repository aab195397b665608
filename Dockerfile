# Production image: gunicorn serving ScholarGate, static files by whitenoise.
# Needs DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS at run time.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=0

RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 10001 scholargate

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .
# Settings refuse to start without these; at build time nothing connects.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
    sh -c "python manage.py compilemessages && python manage.py collectstatic --no-input"

USER scholargate
EXPOSE 8000
CMD ["gunicorn", "scholargate.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
