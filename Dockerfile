# syntax=docker/dockerfile:1
# Cairn node image: built from source with the Maven wrapper, run on a JRE as a non-root user.
#   docker build -t cairn .
#   docker run -v cairn-data:/var/lib/cairn -p 8080:8080 cairn
# See docs/operations.md, "Docker".

# The frontend module builds the Mini App with Node.js >= 20 and npm; the JDK image has neither, so take them from
# Node's own image (its glibc build runs on the JDK image's newer glibc).
FROM node:20-bookworm-slim AS node

FROM eclipse-temurin:25-jdk AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
# Everything but what .dockerignore leaves out; the ~/.m2 cache mount below is what makes rebuilds quick, and
# copying the whole tree keeps this file right when a module is added.
COPY . .
# The tests ran in CI before an image is built; here only the runnable jar is made. The cache keeps ~/.m2 between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl app -am package -DskipTests \
 && cp app/target/cairn-app.jar /cairn-app.jar

FROM eclipse-temurin:25-jre
# A fixed uid/gid so a volume's ownership is the same in every container made from this image.
RUN groupadd --system --gid 10001 cairn \
 && useradd --system --uid 10001 --gid cairn --home-dir /var/lib/cairn --shell /usr/sbin/nologin cairn \
 && mkdir -p /var/lib/cairn /opt/cairn \
 && chown cairn:cairn /var/lib/cairn \
 && chmod 0700 /var/lib/cairn
COPY --from=build /cairn-app.jar /opt/cairn/cairn-app.jar

ENV DATA_DIR=/var/lib/cairn \
    HTTP_PORT=8080 \
    LOG_FORMAT=json
VOLUME ["/var/lib/cairn"]
EXPOSE 8080
USER cairn:cairn
WORKDIR /var/lib/cairn

# No curl in the JRE image: bash's /dev/tcp asks the node itself for its version over loopback.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${HTTP_PORT} && printf 'GET /api/system.version HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# The container's memory limit sizes the heap; the node's own threads and buffers use the rest.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/cairn/cairn-app.jar"]
CMD ["run"]
