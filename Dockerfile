# Multi-stage build: the JDK stage builds with the Maven wrapper, the JRE stage runs the layered jar.
# The base images are build arguments so that the image can be built from locally made bases
# (see scripts/container-smoke.sh); the defaults are the public Temurin images.
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUN_IMAGE=eclipse-temurin:25-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace
# Dependencies first, so that a source change does not download them again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline -DexcludeReactor=true || ./mvnw -B -q dependency:resolve
COPY src src
RUN ./mvnw -B -q -DskipTests package \
    && cp target/loss-service-*.jar app.jar \
    && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted
COPY docker/HealthCheck.java docker/HealthCheck.java
RUN mkdir -p healthcheck && javac -d healthcheck docker/HealthCheck.java

FROM ${RUN_IMAGE}
WORKDIR /app
# One layer per rate of change: libraries rarely, the application on every build.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
COPY --from=build /workspace/healthcheck/ /app/healthcheck/
# The Vector API module turns on the core's SIMD kernels (core.kernels.KernelChoice; README "Run it"), if
# this JRE has it: an argument file, empty where it does not, so that the image starts on any base.
RUN if java --list-modules | grep -q '^jdk.incubator.vector@'; then \
      echo '--add-modules=jdk.incubator.vector' > /app/jvm.args; else : > /app/jvm.args; fi
# A fixed non-root UID/GID with no login: nothing in the image needs a passwd entry.
USER 10001:10001
EXPOSE 8080
# Heap sized from the container's memory limit, and that size from the start: grown from a small one, G1 paused
# more often for large requests (npz round trip medians 0.097-0.103 s against 0.091-0.094 s, BENCHMARKS.md).
# A JVM that runs out of memory exits and is restarted.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
# The health client is a JVM too and gets the same options: its own small heap keeps it from taking 75 % of the
# memory as its initial heap (110 MB resident against 57 MB, measured on the host).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx64m", "-cp", "/app/healthcheck", "HealthCheck", "http://127.0.0.1:8080/actuator/health/readiness"]
ENTRYPOINT ["java", "@/app/jvm.args", "org.springframework.boot.loader.launch.JarLauncher"]
