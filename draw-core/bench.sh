#!/usr/bin/env bash
# Runs the JMH benchmark of the entity draw (1,000,000 entities, 12 strata) and its baseline, a
# plain sort of 1,000,000 precomputed 32-byte keys, in a JVM limited to 1.5 GB of heap.
# Arguments, if any, replace the default selection and go to JMH, e.g. ./bench.sh entityDraw -prof gc
#   ./bench.sh matching [RUNS] [CAPACITY]   the inspector matching end to end, by phase: 50,000
#        visits x 10,000 inspectors (cn.dsr.draw.core.bench.MatchingBenchmark), 3 runs, capacity 20 by default
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -f pom.xml test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
if [ "${1:-}" = matching ]; then
  shift
  exec java -Xmx1500m -cp "$classpath" cn.dsr.draw.core.bench.MatchingBenchmark "$@"
fi
exec java -Xmx1500m -cp "$classpath" \
    org.openjdk.jmh.Main -jvmArgs -Xmx1500m "${@:-cn.dsr.draw.core.bench.DrawBenchmark}"
