#!/usr/bin/env bash
# Benchmark of the outbox → Kafka → inbox path against bare kafka-clients, on the embedded
# PostgreSQL and Kafka of the test infrastructure. Usage: platform/bench.sh [events] [paced rate per second]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl platform -am install -DskipTests
./mvnw -q -B -pl platform test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=cn.dsr.platform.bench.EventPathBenchmark -Dexec.args="${1:-20000} ${2:-500}"
