# Slim, non-root image of the bot.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
RUN pip install --no-cache-dir . && useradd --create-home --uid 10001 exportdesk
USER exportdesk
WORKDIR /home/exportdesk
ENTRYPOINT ["exportdesk"]
CMD ["kb", "lint"]
