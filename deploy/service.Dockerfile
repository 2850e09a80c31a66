# The image of every service (gateway, roster-, draw-, inspection-, disclosure-service); the build
# context is the module's folder. Build the jars first (./mvnw -B -ntp package -DskipTests), then:
#   docker build -f deploy/service.Dockerfile --build-arg MODULE=roster-service --build-arg PORT=8081 \
#     -t dsr/roster-service:dev roster-service
# The executable jar is split into Spring Boot's layers so a code change rebuilds only the last one.
ARG MODULE
FROM eclipse-temurin:17-jre AS layers
ARG MODULE
WORKDIR /build
COPY target/${MODULE}-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
ARG PORT
# A fixed numeric non-root user, so Kubernetes' runAsNonRoot can verify it.
RUN groupadd --system --gid 10001 dsr && useradd --system --uid 10001 --gid dsr --no-create-home dsr
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
ENV SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE ${PORT}
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
