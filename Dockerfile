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
USER context8
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080 \
    CONTEXT8_REDIS_EMBEDDED=false \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# readiness per role (Redis, websocket for ingest, report store for mcp); busybox wget is in the base image
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/context8.jar"]
