#!/usr/bin/env bash
# Wall time of `irm diagnose kafka` against the manuals' shell routine, run from the same Kafka
# 4.3.1 jars: `kafka-consumer-groups --describe` of one group (ConsumerGroupCommand), and the
# whole routine of seed 000 §3.4 (broker-api-versions, consumer-groups --describe, topics --list).
# Starts its own KRaft broker (KafkaBrokerMain, test code) with the kafka-lag faults injected,
# unless BOOTSTRAP=host:port names one. RUNS=5 by default; prints wall min/median and CPU median in ms.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${RUNS:-5}
GROUP=${GROUP:-hhplus-reservation-consumer}

mvn -B -o -q package -DskipTests
mvn -B -o -q test-compile
CP_FILE=$(mktemp)
mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
CP="$(cat "$CP_FILE")"
rm -f "$CP_FILE"

BROKER_PID=""
FEEDER_PID=""
cleanup() {
    for pid in $BROKER_PID $FEEDER_PID; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "${WORK:-}"
}
trap cleanup EXIT
WORK=$(mktemp -d)
if [[ -z "${BOOTSTRAP:-}" ]]; then
    mkfifo "$WORK/stdin"
    sleep 100000 > "$WORK/stdin" &
    FEEDER_PID=$!
    java -cp "target/test-classes:target/classes:$CP" dev.irm.connector.kafka.KafkaBrokerMain < "$WORK/stdin" > "$WORK/broker.out" 2>/dev/null &
    BROKER_PID=$!
    for _ in $(seq 1 120); do
        BOOTSTRAP=$(sed -n 's/^BOOTSTRAP //p' "$WORK/broker.out")
        [[ -n "$BOOTSTRAP" ]] && break
        sleep 0.5
    done
    [[ -n "$BOOTSTRAP" ]] || { echo "broker did not start" >&2; exit 1; }
fi
echo "broker $BOOTSTRAP, $RUNS runs each, group $GROUP"

# "wall_ms cpu_ms" of one command (a function too), its output discarded; cpu = user + sys of
# all its processes, the fairer number on a machine shared with other work
measure() {
    local TIMEFORMAT='%R %U %S' line
    line=$( { time "$@" > /dev/null 2>&1; } 2>&1 ) || true
    awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<< "$line"
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

report() {
    local name=$1; shift
    local walls=() cpus=() w c
    "$@" > /dev/null 2>&1 || true   # warm the page cache
    for _ in $(seq 1 "$RUNS"); do
        read -r w c <<< "$(measure "$@")"
        walls+=("$w"); cpus+=("$c")
    done
    printf '%-50s wall min %5d  median %5d ms   cpu median %5d ms   (wall: %s)\n' "$name" \
        "$(printf '%s\n' "${walls[@]}" | sort -n | head -1)" "$(printf '%s\n' "${walls[@]}" | median)" \
        "$(printf '%s\n' "${cpus[@]}" | median)" "${walls[*]}"
}

routine() {
    java -cp "$CP" org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$BOOTSTRAP"
    java -cp "$CP" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$BOOTSTRAP" --describe --group "$GROUP"
    java -cp "$CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list
}

export IRM_CONFIG="$WORK/none.yaml"
report "irm diagnose kafka (all kafka checks)" java -jar target/irm.jar diagnose kafka --kafka "$BOOTSTRAP"
report "kafka-consumer-groups --describe --group $GROUP" \
    java -cp "$CP" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$BOOTSTRAP" --describe --group "$GROUP"
report "manual routine (api-versions + groups + topics)" routine
echo "--- irm diagnose kafka output:"
java -jar target/irm.jar diagnose kafka --kafka "$BOOTSTRAP" || true
echo "--- kafka-consumer-groups --describe output:"
java -cp "$CP" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$BOOTSTRAP" --describe --group "$GROUP" 2>/dev/null || true
