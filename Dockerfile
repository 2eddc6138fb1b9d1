# Passerelle image: the bridge jar (with Telegram's libtdjson inside), the WhatsApp sidecar with its node_modules,
# a Java 25 runtime and Node 20. Everything the bridge keeps lives in the /data volume: config.yaml,
# registration.yaml, the SQLite database (when not on PostgreSQL) and each network's own files.
#   docker build -t passerelle .
#   docker run --rm -v passerelle-data:/data passerelle     # first start: writes /data/config.yaml, says what next

# --- build: JDK 25 + Node 20/npm (the build fetches libtdjson and the sidecar's packages from npm) ---
FROM eclipse-temurin:25-jdk AS build
COPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=node:20-bookworm-slim /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src
COPY . .
RUN ./mvnw -B -DskipTests package -pl bridge-app -am

# --- runtime: JRE 25 + Node 20, as a non-root user ---
FROM eclipse-temurin:25-jre
COPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 29317 --home-dir /data --shell /usr/sbin/nologin passerelle \
 && mkdir -p /data \
 && chown passerelle /data
COPY --from=build /src/bridge-app/target/passerelle.jar /opt/passerelle/passerelle.jar
COPY --from=build /src/bridge-app/target/whatsapp-sidecar /opt/passerelle/whatsapp-sidecar
# Listen on every interface of the container; publish the ports on the host's loopback (see docker-compose.yml).
ENV PASSERELLE_APPSERVICE__HOSTNAME=0.0.0.0 \
    PASSERELLE_METRICS__HOSTNAME=0.0.0.0
USER passerelle
VOLUME /data
EXPOSE 29317 29318
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:29317/health || exit 1
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/passerelle/passerelle.jar", "--data-dir", "/data"]
CMD ["run"]
