# Slim, non-root image: `exportdesk run` applies the migrations, then serves Telegram.
# Installs exactly requirements.lock (runtime only, hash-checked, wheels only), then the package
# itself with --no-deps, built with the locked setuptools: nothing is resolved at build time.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DATABASE_URL=sqlite:////data/exportdesk.db
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --only-binary :all: -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
RUN pip install --no-cache-dir --no-deps --no-build-isolation . \
    && useradd --create-home --uid 10001 exportdesk \
    && mkdir /data && chown exportdesk /data
USER exportdesk
VOLUME /data
ENTRYPOINT ["exportdesk"]
CMD ["run"]
