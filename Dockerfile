# One image for every StreamTune service: the command picks the role (suggester, trainer, monitor, ...).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -Dmaven.test.skip=true -Dspotless.check.skip=true -Dcheckstyle.skip=true install

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/app/target/streamtune.jar /app/streamtune.jar
COPY --from=build /src/data /app/data
COPY --from=build /src/examples /app/examples
ENV STREAMTUNE_DATA_DIR=/app/data
ENTRYPOINT ["java", "-jar", "/app/streamtune.jar"]
CMD ["--help"]
