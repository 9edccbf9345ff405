#!/usr/bin/env bash
# Runs the benchmarks (not tests) of pgai-spring-boot-autoconfigure against the local PostgreSQL.
#
#   scripts/benchmark.sh worker|search|onnx|scaling|all [-Dbenchmark.property=value ...]
#
# Each benchmark creates (and drops) its own database through TestPostgres (PGAI_TEST_JDBC_URL, a Docker
# container, or the server started by scripts/postgres-pgvector.sh). Reports are printed and saved under
# pgai-spring-boot-autoconfigure/target/benchmarks/. See docs/benchmarks.md for the properties.
set -euo pipefail

usage() {
	echo "usage: $0 worker|search|onnx|scaling|all [-Dbenchmark.property=value ...]" >&2
	exit 2
}

[[ $# -ge 1 ]] || usage
which=$1
shift
case "$which" in
	worker) benchmarks=(WorkerBenchmark) ;;
	search) benchmarks=(SearchBenchmark) ;;
	onnx) benchmarks=(OnnxBenchmark) ;;
	scaling) benchmarks=(ScaleOutBenchmark) ;;
	all) benchmarks=(WorkerBenchmark SearchBenchmark OnnxBenchmark) ;;
	*) usage ;;
esac

cd "$(dirname "$0")/.."
module=pgai-spring-boot-autoconfigure
mvn -B -q ${MAVEN_ARGS:-} -pl "$module" test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/benchmark.classpath")"
mkdir -p "$module/target/benchmarks"

for benchmark in "${benchmarks[@]}"; do
	report="$module/target/benchmarks/$benchmark-$(date +%Y%m%d-%H%M%S).txt"
	echo "# $benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), git $(git rev-parse --short HEAD)" | tee "$report"
	java -Xms2g -Xmx2g -XX:+UseG1GC -Dbenchmark.cacheDirectory="$module/target/benchmark-cache" "$@" \
		-cp "$classpath" "io.github.pgaispring.benchmark.$benchmark" | tee -a "$report"
	if grep -qE "BATCH-50 RATIO|PICKUP LATENCY|PEAK HEAP RATIO" "$report"; then
		echo
		echo "## Headline"
		grep -E "BATCH-50 RATIO|PICKUP LATENCY|PEAK HEAP RATIO" "$report"
	fi
	echo "Report saved to $report"
done
