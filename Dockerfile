# One image recipe for all five services, chosen by build argument:
#
#   docker build --build-arg SERVICE=order-service --build-arg SERVER_PORT=8081 -t eventmart/order-service:local .
#
# docker-compose.yml passes both for each service. Needs BuildKit (the default builder of Docker 23+ and of
# `docker compose`) for the Maven cache mount.

# --- build: compile only the chosen service and the modules it depends on, with the Maven wrapper ---------------
FROM eclipse-temurin:25.0.2_10-jdk-noble AS build
ARG SERVICE
WORKDIR /workspace
# The whole reactor is copied because Maven reads every module's pom, even with -pl; .dockerignore keeps out
# build output, local run data and VCS files.
COPY . .
# ~/.m2 (dependencies and the Maven distribution the wrapper fetches) survives between builds. "locked": compose
# builds the five images in parallel, and Maven's local repository is not safe for concurrent writers.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    if [ -z "$SERVICE" ] || [ ! -f "$SERVICE/pom.xml" ]; then \
        echo "Build argument SERVICE must name a service module (order-service, inventory-service, ...), was '$SERVICE'" >&2; \
        exit 1; \
    fi \
    && ./mvnw -B -q -pl "$SERVICE" -am -DskipTests package \
    && cp "$SERVICE/target/$SERVICE-"*.jar application.jar
# Spring Boot's layered extraction: dependencies change rarely, the application often, so each gets its own image
# layer. The result runs with `java -jar application.jar` (its manifest names lib/*.jar on the class path).
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# --- run: a slim JRE as an unprivileged user ----------------------------------------------------------------------
FROM eclipse-temurin:25.0.2_10-jre-noble
ARG SERVICE
ARG SERVER_PORT=8080
LABEL org.opencontainers.image.title="eventmart-${SERVICE}" \
      org.opencontainers.image.description="EventMart ${SERVICE}"
# curl for the health check (the Temurin images ship neither curl nor wget).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 eventmart \
    && useradd --system --uid 10001 --gid eventmart --home-dir /app --shell /usr/sbin/nologin eventmart \
    && install -d -o eventmart -g eventmart /var/lib/eventmart
WORKDIR /app
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
# /var/lib/eventmart is the one place the service may write to (analytics-service keeps its Kafka Streams state
# there in compose); a named volume mounted on it starts with this owner.
USER 10001:10001
# The heap follows the container's memory limit; what is left covers metaspace, threads, code cache and direct
# buffers. A JVM out of memory exits so the container restarts instead of limping on.
ENV SERVER_PORT=${SERVER_PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -Xss512k"
EXPOSE ${SERVER_PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS "http://localhost:${SERVER_PORT}/actuator/health/readiness" >/dev/null || exit 1
# The flags silence JDK 24+ warnings about native access (RocksDB, lz4) and sun.misc.Unsafe (Kafka, lz4).
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-jar", "application.jar"]
