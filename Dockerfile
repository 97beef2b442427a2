# schoolbot in a container: docs/deploy.md, «Docker». The image holds the code; the database
# lives in the volume /data, the settings are mounted at /config/config.toml, the token comes
# from the environment (SCHOOLBOT_VK_TOKEN).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /opt/schoolbot
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY vksandbox ./vksandbox
RUN python -m pip install --no-compile . \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin schoolbot \
    && mkdir -p /data /config \
    && chown schoolbot:schoolbot /data \
    && chmod 0700 /data

USER schoolbot
WORKDIR /data
VOLUME ["/data"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["schoolbot"]
CMD ["run", "--config", "/config/config.toml"]
