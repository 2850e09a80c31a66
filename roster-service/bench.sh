#!/usr/bin/env bash
# Import benchmark: a CSV of N entities (default 10,000) posted to the running roster service,
# on the embedded PostgreSQL and Kafka of the test infrastructure. Usage: roster-service/bench.sh [entities]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl roster-service -am install -DskipTests
./mvnw -q -B -pl roster-service test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=cn.dsr.roster.bulk.ImportBenchmark -Dexec.args="${1:-10000}"
