# context8: one image for every role (CONTEXT8_ROLES=ingest|analytics|mcp).
# Stage 1 builds the jar with Maven and the JDK; stage 2 is a JRE-only Alpine image running as a non-root
# user: no Maven, no JDK, no compiler, no source at runtime.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# dependencies first, so that source changes do not download them again
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY schemas schemas
COPY src/main src/main
RUN mvn -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/context8.jar extract --destination /app

FROM eclipse-temurin:17-jre-alpine
RUN addgroup -S context8 && adduser -S -G context8 -H -h /app context8
WORKDIR /app
# the extracted layout: context8.jar + lib/ (faster start than the nested jar)
COPY --from=build --chown=root:root /app /app
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080 \
    CONTEXT8_REDIS_EMBEDDED=false \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
# Class-data sharing, as run.sh does it: one training start of this very JVM and class path (no Redis needed:
# it retries in the background), stopped once live; the classes it loaded are written to /app/app.jsa at exit
# and every container start maps them instead of loading them (docs/benchmarks.md, Start-up).
# the built-in routes as files, the starting point of a routes folder (CONTEXT8_ROUTES_DIR, docs/routes.md)
RUN java -jar /app/context8.jar --export-routes /app/routes
RUN CONTEXT8_REDIS_EMBEDDED=false REDIS_URL=redis://127.0.0.1:1 SERVER_PORT=18080 SERVER_ADDRESS=127.0.0.1 \
      java -XX:ArchiveClassesAtExit=/app/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -jar /app/context8.jar \
      >/tmp/cds-training.log 2>&1 & trainer=$!; \
    for i in $(seq 1200); do \
      wget -q -O /dev/null http://127.0.0.1:18080/actuator/health/liveness && break; sleep 0.1; \
    done; \
    sleep 2; kill -TERM $trainer; wait $trainer; \
    if [ ! -s /app/app.jsa ]; then \
      echo "class-data-sharing training wrote no archive; the image starts without it:"; \
      tail -20 /tmp/cds-training.log; \
    fi; \
    rm -f /tmp/cds-training.log
USER context8
EXPOSE 8080
# readiness per role (Redis, websocket for ingest, report store for mcp); busybox wget is in the base image
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/app.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "/app/context8.jar"]
