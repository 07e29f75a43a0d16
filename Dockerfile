# Slim, non-root image: `exportdesk run` applies the migrations, then serves Telegram.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DATABASE_URL=sqlite:////data/exportdesk.db
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
RUN pip install --no-cache-dir . \
    && useradd --create-home --uid 10001 exportdesk \
    && mkdir /data && chown exportdesk /data
USER exportdesk
VOLUME /data
ENTRYPOINT ["exportdesk"]
CMD ["run"]
