# The HTTP service (`pension-rules serve`, docs/service.md) in a slim image.
#
#   docker build -t pension-rules .
#   docker run --rm -p 8080:8080 pension-rules
#   docker run --rm -p 8080:8080 -v "$PWD/my-rules:/rules:ro" pension-rules serve --addr 0.0.0.0:8080 --rules-dir /rules
#
# Stage 1 builds the CLI with only the `serve` feature (no Parquet); stage 2
# is a distroless glibc image holding the binary alone, run as non-root.
# SIGTERM (docker stop) ends it gracefully; SIGHUP (docker kill -s HUP)
# reloads a mounted --rules-dir.

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p pension-rules-cli --no-default-features --features serve \
 && cp target/release/pension-rules /pension-rules

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /pension-rules /usr/local/bin/pension-rules
EXPOSE 8080
HEALTHCHECK NONE
USER nonroot
ENTRYPOINT ["/usr/local/bin/pension-rules"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
