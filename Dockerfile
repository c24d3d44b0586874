# Datalab Monitor: the same `datalab-monitor serve` (gunicorn) that `make run` and the tests start.
# Build: docker build -t datalab-monitor .   Run with compose.yaml (web + PostgreSQL).
FROM python:3.11-slim-bookworm

# WeasyPrint (PDF report) needs Pango; npm installs the NL Design System CSS and fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core nodejs npm \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY pyproject.toml README.md LICENSE ./
COPY src ./src
RUN pip install --no-cache-dir . \
    && python -c "from datalab_monitor.core.i18n import compile_all; compile_all()"

RUN useradd --system --home-dir /app --uid 10001 datalab \
    && mkdir -p /var/lib/datalab-monitor && chown datalab /var/lib/datalab-monitor
USER datalab

ENV DATALAB_VAR_DIR=/var/lib/datalab-monitor \
    DATALAB_NODE_MODULES=/app/node_modules \
    DATALAB_BIND=0.0.0.0:8000 \
    PYTHONUNBUFFERED=1
VOLUME /var/lib/datalab-monitor
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4)"

# `init` is idempotent: migrations, static files, reference data, roles; then serve.
CMD ["sh", "-c", "datalab-monitor init && exec datalab-monitor serve 0.0.0.0:8000"]
