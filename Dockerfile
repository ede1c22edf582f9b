# The sluice image: scripts/package builds the release tarball on the Swift image of Debian 12,
# and the runtime is Debian 12 slim with libpq5 and ca-certificates only (Swift's standard
# library and Foundation are inside the binary). Runs as an unprivileged user in /data, where
# relative paths of a pipeline (NDJSON files, a file state store) land.
#   docker build -t sluice .
#   docker run --rm sluice validate /opt/sluice/pipelines/demo.json
FROM swift:6.3-bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN tarball=$(scripts/package) \
 && mkdir /opt/sluice \
 && tar -C /opt/sluice --strip-components=1 -xzf "$tarball"

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --create-home --home-dir /data sluice
COPY --from=builder /opt/sluice /opt/sluice
ENV PATH=/opt/sluice/bin:$PATH
USER 10001
WORKDIR /data
ENTRYPOINT ["sluice"]
CMD ["--help"]
