#!/usr/bin/env bash
# Local stack without Docker: a KRaft Kafka broker, or three (jars from Maven Central), a throwaway
# Postgres cluster (Debian binaries) and an Apicurio schema registry (Confluent-compatible API).
#
#   scripts/stack.sh up [--brokers 1|3] | down | status | logs [kafka [node]|postgres|registry] | env
#
# Everything the stack starts is recorded by PID under .stack/ and `down` stops only those PIDs.
# Addresses are written to .stack/env (KAFKA_BROKERS, DATABASE_URL, SCHEMA_REGISTRY_URL, and KAFKA_SECURE_* for
# the broker's second, secured listener: TLS + SASL/SCRAM + ACLs, see docs/secure-kafka.md).
set -euo pipefail
# The brokers and databases started below outlive this script: they must not inherit its open descriptors
# beyond stdin/stdout/stderr. A caller that holds a lock on one (`flock lockfile ./dev test`) would otherwise
# leave it held by the stack for as long as the stack runs.
for fd in $(seq 3 19); do eval "exec ${fd}>&-" 2>/dev/null || true; done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${STACK_STATE_DIR:-$ROOT/.stack}"
CACHE="${STACK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/commercebridge}"
ENV_FILE="$STATE/env"

# Pinned versions (see README "Local stack").
# STACK_KAFKA_VERSION picks another Kafka release (jars cached per version): 3.9.1 is what CI runs, 4.4.0 (the
# newest 4.x on Maven Central) is tested by `./dev test:kafka4`. KAFKA_VERSION is the older name of the same switch.
KAFKA_VERSION="${STACK_KAFKA_VERSION:-${KAFKA_VERSION:-3.9.1}}"
APICURIO_VERSION="${APICURIO_VERSION:-3.0.9}"
RELOAD4J_VERSION=1.2.25
SLF4J_RELOAD4J_VERSION=1.7.36
LOG4J2_VERSION=2.25.3

KAFKA_PORT="${STACK_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${STACK_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_SECURE_PORT="${STACK_KAFKA_SECURE_PORT:-19094}"
PG_PORT="${STACK_PG_PORT:-15432}"
REGISTRY_PORT="${STACK_REGISTRY_PORT:-18081}"
# One broker, or three (STACK_BROKERS=3, `up --brokers 3`); later commands (stop-kafka, status, down) find the
# count the stack was made with.
BROKER_COUNT="${STACK_BROKERS:-$(cat "$STATE/kafka-brokers" 2>/dev/null || echo 1)}"
[[ "$BROKER_COUNT" =~ ^(1|3)$ ]] || { printf '[stack] error: STACK_BROKERS must be 1 or 3 (got "%s")\n' "$BROKER_COUNT" >&2; exit 1; }
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

# Alive = exists and is not a zombie (a killed broker stays a zombie until its parent reaps it).
pid_alive() {
  [ -f "$1" ] || return 1
  local pid state; pid="$(cat "$1")"
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [ "$state" != Z ]
}

# ---------------------------------------------------------------- Kafka
kafka_home() { echo "$CACHE/kafka-$KAFKA_VERSION"; }

kafka_fetch() {
  local home; home="$(kafka_home)"
  [ -f "$home/.complete" ] && return 0
  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch Kafka $KAFKA_VERSION from Maven Central; install it (apt-get install maven) or set KAFKA_BROKERS to a running broker"
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $home"
  rm -rf "$home" && mkdir -p "$home/lib"
  local logging
  if [[ "$KAFKA_VERSION" == 3.* ]]; then
    logging="<dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>$RELOAD4J_VERSION</version></dependency>
<dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>$SLF4J_RELOAD4J_VERSION</version></dependency>"
  else
    logging="<dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>$LOG4J2_VERSION</version></dependency>
<dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j2-impl</artifactId><version>$LOG4J2_VERSION</version></dependency>"
  fi
  cat >"$home/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local.stack</groupId><artifactId>kafka-runtime</artifactId><version>1</version><packaging>pom</packaging>
<dependencies>
<dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
$logging
</dependencies></project>
EOF
  (cd "$home" && mvn -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$home/lib") \
    || die "mvn could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION (see the Maven output above)"
  touch "$home/.complete"
}

kafka_ready() { node "$ROOT/scripts/kafka-ready.mjs" "$(broker_list plaintext)" >/dev/null 2>&1; }

# ---------------------------------------------------------------- Kafka: the secured listener (SASL_SSL)
# A CA, a broker certificate (127.0.0.1, localhost) and a client certificate for mutual TLS, made with the
# broker's data and removed with it by `down`. Private keys are readable by their owner only.
TLS_DIR="$STATE/tls"
SCRAM_USERS_FILE="$STATE/kafka-users"
SECURE_TOPIC_PREFIX=sec.
SECURE_USERS=(app reader)

tls_make() {
  [ -f "$TLS_DIR/.complete" ] && return 0
  command -v openssl >/dev/null || die "openssl is needed for the certificates of the secured Kafka listener (apt-get install openssl)"
  rm -rf "$TLS_DIR" && mkdir -p "$TLS_DIR"
  local d="$TLS_DIR"
  (
    set -e
    umask 077
    ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
    openssl req -x509 "${ec[@]}" -keyout "$d/ca.key" -out "$d/ca.pem" -days 825 -sha256 \
      -subj "/CN=commercebridge local stack CA" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
    sign() { # name subject extensions
      openssl req -new "${ec[@]}" -keyout "$d/$1.key" -out "$d/$1.csr" -subj "$2"
      printf '%b' "$3" >"$d/$1.ext"
      openssl x509 -req -in "$d/$1.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -set_serial "0x$(openssl rand -hex 8)" \
        -days 825 -sha256 -extfile "$d/$1.ext" -out "$d/$1.pem"
      rm -f "$d/$1.csr" "$d/$1.ext"
    }
    sign broker /CN=localhost 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n'
    sign client /CN=app 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n'
    # The broker reads a PEM key store file (its key, then the chain) and wants that key encrypted (PKCS#8).
    # Java's key factories have no PBES2 (openssl's default): PKCS#12 PBE with 3DES, which Java reads.
    openssl rand -hex 16 >"$d/broker-keystore.pass"
    { openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES -in "$d/broker.key" -passout "file:$d/broker-keystore.pass"
      cat "$d/broker.pem" "$d/ca.pem"; } >"$d/broker-keystore.pem"
  ) >"$STATE/tls.log" 2>&1 || die "making the TLS certificates failed: $(tail -n 5 "$STATE/tls.log")"
  chmod 755 "$d" && chmod 644 "$d/ca.pem" "$d/broker.pem" "$d/client.pem"
  touch "$d/.complete"
}

# One user a line, "name password": random passwords, made with the broker's data. They wait in
# $SCRAM_USERS_FILE.pending until the broker has the users, then become $SCRAM_USERS_FILE.
scram_users_make() {
  if [ -f "$SCRAM_USERS_FILE" ] || [ -f "$SCRAM_USERS_FILE.pending" ]; then return 0; fi
  (umask 077; for user in "${SECURE_USERS[@]}"; do printf '%s %s\n' "$user" "$(openssl rand -hex 16)"; done >"$SCRAM_USERS_FILE.pending")
}

# kafka-storage format's --add-scram arguments: KRaft keeps SCRAM credentials in its metadata log, so the
# users exist from the broker's first start (no admin call, no extra JVM).
scram_format_args() {
  local user password mechanism
  while read -r user password; do
    for mechanism in SCRAM-SHA-256 SCRAM-SHA-512; do printf -- '--add-scram\n%s=[name=%s,password=%s]\n' "$mechanism" "$user" "$password"; done
  done <"$SCRAM_USERS_FILE.pending"
}

# Data formatted before the secured listener existed has no SCRAM users: they are added through the plaintext
# listener (kafka-configs, one JVM start per user and mechanism: it refuses two mechanisms in one request).
# Only on this path; a stack formatted by this script has its users from the start.
scram_add_late() {
  local cp="$1" log_opt="$2" user password mechanism
  while read -r user password; do
    for mechanism in SCRAM-SHA-256 SCRAM-SHA-512; do
      java $log_opt -cp "$cp" kafka.admin.ConfigCommand --bootstrap-server "$(broker_list plaintext)" --alter \
        --entity-type users --entity-name "$user" --add-config "$mechanism=[password=$password]" \
        >>"$STATE/kafka-format.log" 2>&1 \
        || die "adding the SCRAM user $user ($mechanism) failed: $(tail -n 5 "$STATE/kafka-format.log")"
    done
  done <"$SCRAM_USERS_FILE.pending"
}

secure_properties() {
  cat <<EOF
listener.name.secure.sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
listener.name.secure.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.secure.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.secure.ssl.keystore.type=PEM
listener.name.secure.ssl.keystore.location=$TLS_DIR/broker-keystore.pem
listener.name.secure.ssl.key.password=$(cat "$TLS_DIR/broker-keystore.pass")
listener.name.secure.ssl.truststore.type=PEM
listener.name.secure.ssl.truststore.location=$TLS_DIR/ca.pem
listener.name.secure.ssl.client.auth=requested
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
# The plaintext and controller listeners authenticate nobody: their principal (the broker itself, and every
# client of the plaintext port) is User:ANONYMOUS, a super user, so they work as without an authorizer.
super.users=User:ANONYMOUS
EOF
}

# Whether the running broker has the secured listener (one started by an older stack.sh has not).
secure_enabled() { grep -q '^listener.name.secure.' "$STATE/kafka.properties" 2>/dev/null && [ -f "$SCRAM_USERS_FILE" ]; }

scram_password() { awk -v u="$1" '$1 == u { print $2 }' "$SCRAM_USERS_FILE"; }

# The ACLs (created through the plaintext listener), then a SCRAM login of each user on the secured one.
secure_setup() {
  local out
  out="$(node "$ROOT/scripts/kafka-secure-setup.mjs" "$(broker_list plaintext)" "$(broker_list secure)" \
    "$TLS_DIR/ca.pem" "$SECURE_TOPIC_PREFIX" "$SCRAM_USERS_FILE" 2>&1)" || die "setting up the secured listener failed: $out"
}

# ---------------------------------------------------------------- Kafka: one broker, or a cluster of three
# STACK_BROKERS=3 (`./dev stack up --brokers 3`): three KRaft nodes on loopback, each broker and controller
# (combined mode, a static quorum of three voters: any one node can die, the other two elect a controller),
# replication factor 3 by default, min.insync.replicas=2, the offsets and transaction state logs replicated 3
# with a minimum ISR of 2. Node 1 keeps the single broker's files (kafka.pid, kafka.properties, kafka-data,
# kafka.log); node n > 1 has kafka-n.pid, kafka-n.properties, kafka-data-n, kafka-n.log.
# Ports: STACK_KAFKA_PORT, STACK_KAFKA_CONTROLLER_PORT and STACK_KAFKA_SECURE_PORT take one port per node,
# comma-separated; a single port p gives node n the port p + 10 (n - 1) (19092, 19102, 19112 by default).
node_sfx() { [ "$1" = 1 ] || printf -- '-%s' "$1"; }
node_port() { # list node
  local list="$1" n="$2"
  if [[ "$list" == *,* ]]; then
    local port; port="$(printf '%s' "$list" | cut -d, -f"$n")"
    [ -n "$port" ] || die "the port list $list has no port for kafka node $n"
    echo "$port"
  else echo $((list + 10 * (n - 1))); fi
}
nodes() { seq 1 "$BROKER_COUNT"; }
# The heap of each broker (STACK_KAFKA_HEAP): 768m for one, 512m each for three.
kafka_heap() { if [ "$BROKER_COUNT" = 1 ]; then echo "${STACK_KAFKA_HEAP:-768m}"; else echo "${STACK_KAFKA_HEAP:-512m}"; fi; }
broker_list() { # plaintext | secure
  local n out="" list="$KAFKA_PORT"
  [ "$1" = secure ] && list="$KAFKA_SECURE_PORT"
  for n in $(nodes); do out+="127.0.0.1:$(node_port "$list" "$n"),"; done
  echo "${out%,}"
}

kafka_log_opt() {
  if [[ "$KAFKA_VERSION" == 3.* ]]; then
    printf 'log4j.rootLogger=WARN, stdout\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\nlog4j.appender.stdout.layout=org.apache.log4j.PatternLayout\nlog4j.appender.stdout.layout.ConversionPattern=[%%d] %%p %%m (%%c)%%n\nlog4j.logger.kafka.server.KafkaServer=INFO\nlog4j.logger.kafka.server.BrokerServer=INFO\n' >"$STATE/log4j.properties"
    echo "-Dlog4j.configuration=file:$STATE/log4j.properties"
  else
    printf 'Configuration:\n  Appenders:\n    Console:\n      name: STDOUT\n      PatternLayout:\n        pattern: "[%%d] %%p %%m (%%c)%%n"\n  Loggers:\n    Root:\n      level: WARN\n      AppenderRef:\n        - ref: STDOUT\n' >"$STATE/log4j2.yaml"
    echo "-Dlog4j2.configurationFile=$STATE/log4j2.yaml"
  fi
}

# Writes node n's properties and formats its storage when it has none (every node with the same cluster id and
# SCRAM users). Sets FORMATTED=1 when it formatted.
FORMATTED=0
kafka_configure() {
  local n="$1" cluster_id="$2" log_opt="$3" cp
  local sfx port cport sport data cfg quorum rf isr
  cp="$(kafka_home)/lib/*"; sfx="$(node_sfx "$n")"
  port="$(node_port "$KAFKA_PORT" "$n")"; cport="$(node_port "$KAFKA_CONTROLLER_PORT" "$n")"; sport="$(node_port "$KAFKA_SECURE_PORT" "$n")"
  data="$STATE/kafka-data$sfx"; cfg="$STATE/kafka$sfx.properties"
  mkdir -p "$data"
  if [ "$BROKER_COUNT" = 1 ]; then
    quorum="controller.quorum.bootstrap.servers=127.0.0.1:$cport"; rf=1; isr=1
  else
    local m voters=""
    for m in $(nodes); do voters+="$m@127.0.0.1:$(node_port "$KAFKA_CONTROLLER_PORT" "$m"),"; done
    quorum="controller.quorum.voters=${voters%,}"; rf=3; isr=2
  fi
  cat >"$cfg" <<EOF
process.roles=broker,controller
node.id=$n
$quorum
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport,SECURE://127.0.0.1:$sport
advertised.listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport,SECURE://127.0.0.1:$sport
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SECURE:SASL_SSL
log.dirs=$data
num.partitions=3
auto.create.topics.enable=false
default.replication.factor=$rf
min.insync.replicas=$isr
offsets.topic.replication.factor=$rf
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
transaction.state.log.num.partitions=10
group.initial.rebalance.delay.ms=0
transaction.abort.timed.out.transaction.cleanup.interval.ms=10000
log.segment.bytes=67108864
EOF
  secure_properties >>"$cfg"
  # Extra broker properties, one per line (crash tests shorten session timeouts of their private broker).
  if [ -n "${STACK_KAFKA_EXTRA_PROPERTIES:-}" ]; then printf '%s\n' "$STACK_KAFKA_EXTRA_PROPERTIES" >>"$cfg"; fi
  # Data survives stop-kafka/start-kafka (crash tests restart the broker); `down` removes it.
  if [ ! -f "$data/meta.properties" ]; then
    local scram=() arg standalone=()
    while IFS= read -r arg; do scram+=("$arg"); done < <(scram_format_args)
    [ "$BROKER_COUNT" = 1 ] && standalone=(--standalone)
    java $log_opt -cp "$cp" kafka.tools.StorageTool format "${standalone[@]}" -t "$cluster_id" -c "$cfg" "${scram[@]}" \
      >"$STATE/kafka-format$sfx.log" 2>&1 \
      || die "formatting the KRaft storage of kafka node $n failed: $(tail -n 5 "$STATE/kafka-format$sfx.log")"
    FORMATTED=1
  fi
}

kafka_start_node() {
  local n="$1" log_opt="$2" sfx cp
  sfx="$(node_sfx "$n")"; cp="$(kafka_home)/lib/*"
  # setsid: the broker gets its own session so a Ctrl-C in the caller's terminal does not reach it.
  setsid java -Xms256m -Xmx"$(kafka_heap)" -XX:+UseG1GC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true $log_opt \
    -cp "$cp" kafka.Kafka "$STATE/kafka$sfx.properties" >"$STATE/kafka$sfx.log" 2>&1 </dev/null &
  echo $! >"$STATE/kafka$sfx.pid"
}

# Until node n answers a metadata request and lists itself among the live (unfenced) brokers.
kafka_wait_node() {
  local n="$1" sfx port
  sfx="$(node_sfx "$n")"; port="$(node_port "$KAFKA_PORT" "$n")"
  for _ in $(seq 1 360); do
    pid_alive "$STATE/kafka$sfx.pid" || die "kafka node $n exited during start-up: $(tail -n 20 "$STATE/kafka$sfx.log")"
    node "$ROOT/scripts/kafka-ready.mjs" "127.0.0.1:$port" "$n" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  die "kafka node $n did not answer a metadata request within 180 s (log: $STATE/kafka$sfx.log)"
}

# kafka_up [node]: every node (default), or only the one given (a crash test restarting one broker).
kafka_up() {
  local only="${1:-}" want=() n
  if [ -f "$STATE/kafka-brokers" ] && [ "$(cat "$STATE/kafka-brokers")" != "$BROKER_COUNT" ]; then
    die "the stack in $STATE was made with $(cat "$STATE/kafka-brokers") broker(s), not STACK_BROKERS=$BROKER_COUNT: run down first (it removes the data)"
  fi
  if [ -n "$only" ]; then
    [[ "$only" =~ ^[0-9]+$ ]] && [ "$only" -ge 1 ] && [ "$only" -le "$BROKER_COUNT" ] \
      || die "the kafka node must be a number from 1 to $BROKER_COUNT (STACK_BROKERS), got '$only'"
    want=("$only")
  else
    mapfile -t want < <(nodes)
  fi
  local start=()
  for n in "${want[@]}"; do pid_alive "$STATE/kafka$(node_sfx "$n").pid" || start+=("$n"); done
  if [ ${#start[@]} = 0 ]; then
    log "kafka already running (node(s) ${want[*]})"
    # Idempotent: repairs the ACLs of a start that failed half-way, and checks the logins.
    if [ -z "$only" ] && secure_enabled && kafka_ready; then secure_setup; fi
    return 0
  fi
  kafka_fetch
  local t0 log_opt cluster_id cp
  t0="$(now)"; log_opt="$(kafka_log_opt)"; cp="$(kafka_home)/lib/*"
  tls_make
  scram_users_make
  if [ ! -f "$STATE/kafka-cluster-id" ]; then
    java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 >"$STATE/kafka-cluster-id"
  fi
  cluster_id="$(cat "$STATE/kafka-cluster-id")"
  echo "$BROKER_COUNT" >"$STATE/kafka-brokers"
  for n in "${start[@]}"; do kafka_configure "$n" "$cluster_id" "$log_opt"; done
  # A quorum of three elects a controller once two voters run: the nodes start together.
  for n in "${start[@]}"; do kafka_start_node "$n" "$log_opt"; done
  for n in "${start[@]}"; do kafka_wait_node "$n"; done
  if [ -f "$SCRAM_USERS_FILE.pending" ]; then
    # Formatted just now with the users (--add-scram); data formatted by an older stack.sh lacks them.
    if [ "$FORMATTED" = 1 ]; then mv "$SCRAM_USERS_FILE.pending" "$SCRAM_USERS_FILE"
    else scram_add_late "$cp" "$log_opt" && mv "$SCRAM_USERS_FILE.pending" "$SCRAM_USERS_FILE"; fi
  fi
  [ -n "$only" ] || secure_setup
  if [ "$BROKER_COUNT" = 1 ]; then
    log "kafka $KAFKA_VERSION ready on 127.0.0.1:$KAFKA_PORT, SASL_SSL on 127.0.0.1:$KAFKA_SECURE_PORT, in $(since "$t0") s"
  else
    log "kafka $KAFKA_VERSION node(s) ${start[*]} of $BROKER_COUNT ready ($(broker_list plaintext), SASL_SSL $(broker_list secure)) in $(since "$t0") s"
  fi
}

# ---------------------------------------------------------------- Postgres
pg_data() {
  # initdb refuses to run as root: the cluster then belongs to the 'postgres' user, in a directory it can reach.
  # A private STACK_STATE_DIR (crash tests) gets its own cluster directory; the default state keeps the old path.
  local owner="$ROOT"
  [ "$STATE" != "$ROOT/.stack" ] && owner="$STATE"
  if [ "$(id -u)" = 0 ]; then echo "/tmp/commercebridge-stack-$(printf '%s' "$owner" | cksum | cut -d' ' -f1)/pg"; else echo "$STATE/pg"; fi
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

postgres_up() {
  if [ -n "${DATABASE_URL:-}" ] && [ ! -f "$STATE/postgres.managed" ]; then
    log "using DATABASE_URL from the environment"
    psql "$DATABASE_URL" -qAtc 'select 1' >/dev/null || die "DATABASE_URL is set but Postgres does not answer on it"
    echo "$DATABASE_URL" >"$STATE/database_url"
    return 0
  fi
  local data; data="$(pg_data)"
  if [ -f "$STATE/postgres.managed" ] && as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "postgres already running"; return 0
  fi
  [ -x "$PG_BIN/initdb" ] || die "Postgres binaries not found (looked in /usr/lib/postgresql/*/bin); install them with: apt-get install -y postgresql"
  local t0; t0="$(now)"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$(dirname "$data")"
    [ "$(id -u)" = 0 ] && chown postgres "$(dirname "$data")"
    as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$STATE/postgres-initdb.log" 2>&1 \
      || die "initdb failed: $(tail -n 5 "$STATE/postgres-initdb.log")"
    cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$(dirname "$data")'
wal_level = logical
max_wal_senders = 10
max_replication_slots = 10
max_connections = 300
shared_buffers = 256MB
fsync = ${STACK_PG_FSYNC:-off}
synchronous_commit = on
full_page_writes = off
max_locks_per_transaction = 128
EOF
  fi
  touch "$STATE/postgres.managed"
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$data/../postgres.log" -w -t 60 start >/dev/null \
    || die "postgres did not start: $(tail -n 20 "$data/../postgres.log")"
  as_pg "$PG_BIN/pg_ctl" -D "$data" status | sed -n 's/.*PID: \([0-9]*\).*/\1/p' >"$STATE/postgres.pid"
  local url="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  for _ in $(seq 1 60); do psql "$url" -qAtc 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
  psql "$url" -qAtc 'select 1' >/dev/null || die "postgres does not answer on $url"
  echo "$url" >"$STATE/database_url"
  log "postgres $("$PG_BIN/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$PG_PORT in $(since "$t0") s"
}

# ---------------------------------------------------------------- Schema registry
registry_home() { echo "$CACHE/apicurio-$APICURIO_VERSION"; }

registry_fetch() {
  local home; home="$(registry_home)"
  [ -f "$home/.complete" ] && return 0
  log "fetching io.apicurio:apicurio-registry-app:$APICURIO_VERSION (all archive) from Maven Central"
  rm -rf "$home" && mkdir -p "$home/dl"
  (cd "$home" && mvn -q -B dependency:copy -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" -DoutputDirectory="$home/dl") \
    || die "mvn could not fetch io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all"
  tar xzf "$home/dl/"*.tar.gz -C "$home" && rm -rf "$home/dl"
  touch "$home/.complete"
}

registry_up() {
  if pid_alive "$STATE/registry.pid"; then log "registry already running (pid $(cat "$STATE/registry.pid"))"; return 0; fi
  registry_fetch
  local home jar t0 url
  home="$(registry_home)"; t0="$(now)"
  jar="$( (ls "$home"/*-runner.jar "$home"/quarkus-run.jar 2>/dev/null || true) | head -n 1)"
  [ -n "$jar" ] || die "no runnable jar in $home"
  # In-memory storage: the registry lives as long as the stack; tests register what they need.
  setsid java -Xms128m -Xmx${STACK_REGISTRY_HEAP:-384m} -XX:TieredStopAtLevel=1 \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dapicurio.rest.deletion.artifact.enabled=true -Dapicurio.rest.deletion.artifact-version.enabled=true \
    -Dapicurio.rest.deletion.group.enabled=true \
    -jar "$jar" >"$STATE/registry.log" 2>&1 </dev/null &
  echo $! >"$STATE/registry.pid"
  url="http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"
  for _ in $(seq 1 240); do
    pid_alive "$STATE/registry.pid" || die "registry exited during start-up: $(tail -n 20 "$STATE/registry.log")"
    if curl -sf "$url/subjects" >/dev/null 2>&1; then log "registry (Apicurio $APICURIO_VERSION) ready on $url in $(since "$t0") s"; return 0; fi
    sleep 0.5
  done
  die "registry did not answer on $url within 120 s (log: $STATE/registry.log)"
}

write_env() {
  {
    echo "KAFKA_BROKERS=$(broker_list plaintext)"
    echo "DATABASE_URL=$(cat "$STATE/database_url")"
    echo "SCHEMA_REGISTRY_URL=http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"
    echo "KAFKA_VERSION=$KAFKA_VERSION"
    if secure_enabled; then
      echo "KAFKA_SECURE_BROKERS=$(broker_list secure)"
      echo "KAFKA_SECURE_CA_FILE=$TLS_DIR/ca.pem"
      echo "KAFKA_SECURE_CLIENT_CERT_FILE=$TLS_DIR/client.pem"
      echo "KAFKA_SECURE_CLIENT_KEY_FILE=$TLS_DIR/client.key"
      echo "KAFKA_SECURE_SASL_MECHANISMS=SCRAM-SHA-256,SCRAM-SHA-512"
      echo "KAFKA_SECURE_TOPIC_PREFIX=$SECURE_TOPIC_PREFIX"
      local user upper
      for user in "${SECURE_USERS[@]}"; do
        upper="$(printf '%s' "$user" | tr '[:lower:]' '[:upper:]')"
        echo "KAFKA_SECURE_${upper}_USERNAME=$user"
        echo "KAFKA_SECURE_${upper}_PASSWORD=$(scram_password "$user")"
      done
    fi
  } >"$ENV_FILE"
  secure_enabled || log "kafka was started without the secured listener (SASL_SSL): restart the stack (down, up) to get it"
  log "addresses written to $ENV_FILE"
}

# stop_pid name...: SIGTERM to each (all at once: brokers of one cluster shut down together), then SIGKILL to
# those still running after 30 s.
stop_pid() {
  local name pids=() names=() pid
  for name in "$@"; do
    [ -f "$STATE/$name.pid" ] || continue
    pid="$(cat "$STATE/$name.pid")"
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid"); names+=("$name"); fi
  done
  local i
  for i in "${!pids[@]}"; do
    for _ in $(seq 1 60); do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.5; done
    kill -0 "${pids[$i]}" 2>/dev/null && { log "${names[$i]} did not stop in 30 s, killing"; kill -KILL "${pids[$i]}" 2>/dev/null || true; }
    log "stopped ${names[$i]} (pid ${pids[$i]})"
  done
  for name in "$@"; do rm -f "$STATE/$name.pid"; done
}
# The pid-file names of the kafka nodes: all, or the one given.
kafka_names() {
  local n
  if [ -n "${1:-}" ]; then
    [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$BROKER_COUNT" ] \
      || die "the kafka node must be a number from 1 to $BROKER_COUNT (STACK_BROKERS), got '$1'"
    echo "kafka$(node_sfx "$1")"; return 0
  fi
  for n in $(nodes); do echo "kafka$(node_sfx "$n")"; done
}

cmd_up() {
  mkdir -p "$STATE"
  local t0; t0="$(now)"
  # Postgres first (fast), then the two JVMs one after the other: on 2 cores starting both at once is slower.
  postgres_up
  kafka_up
  # STACK_SKIP_REGISTRY=1: crash tests that run the relay in header mode need no registry (saves a JVM start).
  if [ "${STACK_SKIP_REGISTRY:-0}" != 1 ]; then registry_up; fi
  write_env
  log "stack up in $(since "$t0") s"
}

cmd_down() {
  stop_pid registry
  mapfile -t names < <(kafka_names)
  stop_pid "${names[@]}"
  if [ -f "$STATE/postgres.managed" ]; then
    local data; data="$(pg_data)"
    if as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null && log "stopped postgres"
    fi
    rm -rf "$(dirname "$data")" "$STATE/postgres.managed" "$STATE/postgres.pid"
  fi
  rm -rf "$STATE"/kafka-data "$STATE"/kafka-data-[0-9]* "$STATE/kafka-cluster-id" "$STATE/kafka-brokers" "$ENV_FILE" "$STATE/database_url" "$TLS_DIR" "$SCRAM_USERS_FILE" "$SCRAM_USERS_FILE.pending"
  # Nothing the stack started may survive `down`.
  local left
  left="$(pgrep -f -- "$STATE/kafka(-[0-9]+)?\.properties|$(pg_data)" || true)"
  [ -z "$left" ] || die "processes started by the stack are still running after down: $left"
}

cmd_status() {
  local rc=0
  local n sfx port
  for n in $(nodes); do
    sfx="$(node_sfx "$n")"; port="$(node_port "$KAFKA_PORT" "$n")"
    if pid_alive "$STATE/kafka$sfx.pid" && node "$ROOT/scripts/kafka-ready.mjs" "127.0.0.1:$port" "$n" >/dev/null 2>&1; then
      echo "kafka$sfx   up   127.0.0.1:$port$(secure_enabled && echo ", SASL_SSL 127.0.0.1:$(node_port "$KAFKA_SECURE_PORT" "$n")") (pid $(cat "$STATE/kafka$sfx.pid"))"
    else echo "kafka$sfx   down"; rc=1; fi
  done
  if [ -f "$STATE/database_url" ] && psql "$(cat "$STATE/database_url")" -qAtc 'select 1' >/dev/null 2>&1; then echo "postgres  up   $(cat "$STATE/database_url")"; else echo "postgres  down"; rc=1; fi
  if pid_alive "$STATE/registry.pid" && curl -sf "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/subjects" >/dev/null; then echo "registry  up   http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7 (pid $(cat "$STATE/registry.pid"))"; else echo "registry  down"; rc=1; fi
  return $rc
}

cmd_logs() {
  case "${1:-}" in
    kafka) tail -n 200 "$STATE/kafka$(node_sfx "${2:-1}").log" ;;
    registry) tail -n 200 "$STATE/registry.log" ;;
    postgres) tail -n 200 "$(dirname "$(pg_data)")/postgres.log" ;;
    *) for f in "$STATE/kafka.log" "$STATE/registry.log" "$(dirname "$(pg_data)")/postgres.log"; do [ -f "$f" ] && { echo "== $f"; tail -n 40 "$f"; }; done ;;
  esac
}

case "${1:-}" in
  up)
    if [ "${2:-}" = --brokers ]; then
      [[ "${3:-}" =~ ^(1|3)$ ]] || die "--brokers takes 1 or 3 (got '${3:-}')"
      if [ -f "$STATE/kafka-brokers" ] && [ "$(cat "$STATE/kafka-brokers")" != "$3" ]; then
        die "the stack in $STATE was made with $(cat "$STATE/kafka-brokers") broker(s), not $3: run down first (it removes the data)"
      fi
      BROKER_COUNT="$3"
    elif [ -n "${2:-}" ]; then die "unknown option for up: $2 (usage: up [--brokers 1|3])"; fi
    cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "${1:-}" "${2:-}" ;;
  # `eval "$(./dev stack env)"` puts the addresses into the current shell.
  env)
    [ -f "$ENV_FILE" ] || die "no $ENV_FILE: start the stack with ./dev stack up"
    while IFS='=' read -r name value; do
      [ -n "$name" ] && printf 'export %s=%q\n' "$name" "$value"
    done <"$ENV_FILE"
    ;;
  # Used by crash tests to stop and restart one service while clients keep running. stop-kafka/start-kafka
  # act on every kafka node, or on the one given (1 to STACK_BROKERS).
  stop-kafka) mapfile -t names < <(kafka_names "${2:-}"); stop_pid "${names[@]}" ;;
  start-kafka) mkdir -p "$STATE"; kafka_up "${2:-}" ;;
  stop-postgres) as_pg "$PG_BIN/pg_ctl" -D "$(pg_data)" -m "${2:-fast}" -w stop >/dev/null && log "stopped postgres" ;;
  start-postgres) mkdir -p "$STATE"; postgres_up ;;
  *) echo "usage: $0 up [--brokers 1|3] | down | status | logs [kafka [node]|postgres|registry] | env | stop-kafka [node] | start-kafka [node] | stop-postgres [fast|immediate] | start-postgres" >&2; exit 2 ;;
esac
