# shellcheck shell=bash
# Shared by .ci/run and ./hangar (sourced, never executed): make sure a JDK >= 21 is on PATH
# and that Redis and RabbitMQ answer, starting local ones only when nothing answers: Hangar's
# Redis with an append-only file (ensure_hangar_redis), the tests' without (ensure_test_redis);
# and, for the tests, the browser the dashboard's test drives (ensure_browser).
# Never stops or restarts a service it finds running.
#
# Honoured environment: SPRING_DATA_REDIS_HOST|PORT, SPRING_RABBITMQ_HOST|PORT (the same names
# the Hangar processes read), HANGAR_SERVICE_WAIT (seconds to wait for a service to boot, 60).

HANGAR_JDK_HOME=${HANGAR_JDK_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

_svc_log() { printf 'hangar: %s\n' "$*" >&2; }

_svc_is_local() {
  case "$1" in 127.0.0.1 | localhost | ::1) return 0 ;; *) return 1 ;; esac
}

# Redis answers when a PING on a fresh connection gets +PONG (a port that is open but still
# loading its dataset answers -LOADING, which is not ready).
_redis_answers() {
  local host=$1 port=$2 reply=''
  if command -v redis-cli >/dev/null 2>&1; then
    reply=$(timeout 3 redis-cli -h "$host" -p "$port" ping 2>/dev/null) || true
    [[ $reply == PONG* ]]
    return
  fi
  # shellcheck disable=SC2016 # expanded by the inner bash, which gets host and port as $1 $2
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "PING\r\n" >&3
    IFS= read -r reply <&3
    [[ $reply == +PONG* ]]' _ "$host" "$port" 2>/dev/null
}

# RabbitMQ answers when it completes the first step of an AMQP 0-9-1 handshake: after the
# protocol header it sends connection.start, a method frame (first byte 0x01). An open port
# alone is not enough while the node is still booting.
_rabbitmq_answers() {
  local host=$1 port=$2
  # shellcheck disable=SC2016 # expanded by the inner bash, which gets host and port as $1 $2
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "AMQP\000\000\011\001" >&3
    IFS= read -r -d "" -N 1 frame_type <&3
    [[ $frame_type == "$(printf "\001")" ]]' _ "$host" "$port" 2>/dev/null
}

# _svc_wait NAME CHECK HOST PORT: poll CHECK until it succeeds or HANGAR_SERVICE_WAIT passes.
_svc_wait() {
  local name=$1 check=$2 host=$3 port=$4
  local deadline=$((SECONDS + ${HANGAR_SERVICE_WAIT:-60}))
  until "$check" "$host" "$port"; do
    if ((SECONDS >= deadline)); then
      _svc_log "$name at $host:$port did not answer within ${HANGAR_SERVICE_WAIT:-60}s"
      return 1
    fi
    sleep 1
  done
  _svc_log "$name is up at $host:$port"
}

# Use the Temurin 25 JDK when installed, else whatever JAVA_HOME/PATH provide; fail clearly
# when that is older than 21 (the machine default here is 17, which cannot build Hangar).
ensure_java() {
  if [[ -d $HANGAR_JDK_HOME ]]; then
    export JAVA_HOME=$HANGAR_JDK_HOME
    case ":$PATH:" in
      *":$JAVA_HOME/bin:"*) ;;
      *) export PATH="$JAVA_HOME/bin:$PATH" ;;
    esac
  elif [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    case ":$PATH:" in
      *":$JAVA_HOME/bin:"*) ;;
      *) export PATH="$JAVA_HOME/bin:$PATH" ;;
    esac
  fi
  if ! command -v java >/dev/null 2>&1; then
    _svc_log "no java found: install JDK 21+ or set JAVA_HOME"
    return 1
  fi
  local version major
  version=$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  major=${version%%[.+-]*}
  if [[ ! $major =~ ^[0-9]+$ ]] || ((major < 21)); then
    _svc_log "java ${version:-of unknown version} at $(command -v java) is too old: Hangar needs JDK 21+ (set JAVA_HOME)"
    return 1
  fi
}

# Hangar's own Redis (./hangar up, and ./hangar bench, whose Redis a later `up` goes on using):
# every build, runner and lease lives there, so a Redis started here keeps an append-only file,
# synced every second as docker-compose.yml's, in DATA_DIR and loses nothing when it restarts.
ensure_hangar_redis() {
  local data_dir=$1 host=${SPRING_DATA_REDIS_HOST:-127.0.0.1} port=${SPRING_DATA_REDIS_PORT:-6379}
  if _redis_answers "$host" "$port"; then
    return 0
  fi
  mkdir -p "$data_dir"
  _start_redis "$host" "$port" --appendonly yes --appendfsync everysec --dir "$data_dir" \
    --logfile "$data_dir/redis.log" --pidfile "$data_dir/redis.pid"
}

# A Redis that was running already is used as it is; say so when it keeps no append-only file.
warn_unless_redis_persists() {
  local host=${SPRING_DATA_REDIS_HOST:-127.0.0.1} port=${SPRING_DATA_REDIS_PORT:-6379}
  if [[ $(_redis_config "$host" "$port" appendonly) == no ]]; then
    _svc_log "warning: Redis at $host:$port keeps no append-only file (appendonly no): a restart of it"
    _svc_log "         loses every build, runner and lease; turn appendonly on in its configuration"
  fi
}

# The tests' Redis (./hangar test, .ci/run): every test class deletes its namespace afterwards, so a
# Redis started here keeps nothing on disk.
ensure_test_redis() {
  local host=${SPRING_DATA_REDIS_HOST:-127.0.0.1} port=${SPRING_DATA_REDIS_PORT:-6379}
  if _redis_answers "$host" "$port"; then
    return 0
  fi
  _start_redis "$host" "$port" --save "" --appendonly no
}

# A setting of a running Redis, when redis-cli is there to ask (empty otherwise).
_redis_config() {
  local host=$1 port=$2 name=$3
  if command -v redis-cli >/dev/null 2>&1; then
    timeout 3 redis-cli -h "$host" -p "$port" --raw config get "$name" 2>/dev/null | sed -n 2p
  fi
}

# _start_redis HOST PORT OPTION...: a local redis-server in the background, then wait until it answers.
_start_redis() {
  local host=$1 port=$2
  shift 2
  if ! _svc_is_local "$host"; then
    _svc_log "Redis at $host:$port does not answer (not local, so not starting one)"
    return 1
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    _svc_log "Redis at $host:$port does not answer and redis-server is not installed"
    return 1
  fi
  _svc_log "starting Redis on 127.0.0.1:$port"
  # 9>&-: ./hangar holds its command lock on fd 9; a server that outlives the command must not keep it.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" "$@" >/dev/null 9>&-
  _svc_wait Redis _redis_answers "$host" "$port"
}

ensure_rabbitmq() {
  local host=${SPRING_RABBITMQ_HOST:-127.0.0.1} port=${SPRING_RABBITMQ_PORT:-5672}
  if _rabbitmq_answers "$host" "$port"; then
    return 0
  fi
  if ! _svc_is_local "$host"; then
    _svc_log "RabbitMQ at $host:$port does not answer (not local, so not starting one)"
    return 1
  fi
  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    _svc_log "RabbitMQ at $host:$port does not answer and rabbitmq-server is not installed"
    return 1
  fi
  # A node that is running but still booting needs no second start (that would fail anyway).
  if command -v rabbitmq-diagnostics >/dev/null 2>&1 &&
    timeout 15 rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
    _svc_log "RabbitMQ node is running; waiting for its AMQP listener on port $port"
  else
    _svc_log "starting RabbitMQ (rabbitmq-server -detached)"
    rabbitmq-server -detached >/dev/null 2>&1 9>&-
  fi
  _svc_wait RabbitMQ _rabbitmq_answers "$host" "$port"
}

# The dashboard's browser test (DashboardBrowserIT) drives Debian's chromium through its
# chromedriver. Installed with apt-get when missing and this user may install packages; where it
# cannot be, the test skips itself and says why, and the other tests still run.
ensure_browser() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    return 0
  fi
  local -a apt=(apt-get)
  if ((EUID != 0)); then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      apt=(sudo -n apt-get)
    else
      apt=()
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1 || ((${#apt[@]} == 0)); then
    _svc_log "chromium or chromedriver missing and apt-get is not usable here: the dashboard's browser test will be skipped"
    return 0
  fi
  _svc_log "installing chromium and chromium-driver for the dashboard's browser test (apt-get)"
  if ! { DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq &&
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends \
      chromium chromium-driver; } >&2; then
    _svc_log "could not install chromium: the dashboard's browser test will be skipped"
  fi
  return 0
}
