# shellcheck shell=bash
# The runner `./hangar up` starts on this machine in local mode, so a first build needs nothing
# more (sourced by ./hangar, never executed: it uses ./hangar's helpers and settings). It is an
# ordinary hangar-runner (docs/runner.md): registered through the API with an admin session, and
# held to the same HTTP contract and token checks as a runner anywhere else. Its config,
# workspaces and caches live under .hangar/.

# A runner id belongs to one namespace, so each namespace has a registration of its own.
RUNNER_DIR=$STATE_DIR/runner/${HANGAR_NAMESPACE:-hangar}
RUNNER_CONFIG=$RUNNER_DIR/runner.json
RUNNER_WORK=$RUNNER_DIR/work
# Package caches (pub, Gradle) hold nothing of a namespace's: every registration shares them.
RUNNER_CACHE=$STATE_DIR/runner/cache
RUNNER_LOG=$LOG_DIR/runner.log

# While `up` starts the runner: its pid (a child of this shell, so `wait` can tell how it ended),
# its exit code if it stopped, and its view from the API once it is online.
RUNNER_PID=''
RUNNER_EXIT=''
RUNNER_VIEW=''

# Whether `up` starts the runner: HANGAR_RUNNER=on (the default) or off.
runner_wanted() {
  case "${HANGAR_RUNNER:-on}" in
    on) return 0 ;;
    off) return 1 ;;
    *) die "HANGAR_RUNNER must be on or off (got '${HANGAR_RUNNER}')" ;;
  esac
}

# runner_config_field NAME: a text field of the runner's config file. Never asked for the token:
# nothing here needs it.
runner_config_field() {
  local text re="\"$1\"[[:space:]]*:[[:space:]]*\"([^\"]*)\""
  text=$(cat "$RUNNER_CONFIG" 2>/dev/null) || return 1
  [[ $text =~ $re ]] || return 1
  printf '%s\n' "${BASH_REMATCH[1]}"
}

# In the subshell that becomes a runner command: build steps inherit the runner's environment, so
# none of Hangar's settings may be in it (HANGAR_ADMIN_PASSWORD, HANGAR_SECRETS_KEY and
# SPRING_RABBITMQ_PASSWORD are secrets).
drop_hangar_environment() {
  local name
  for name in $(compgen -e); do
    case $name in HANGAR_* | SPRING_*) unset "$name" ;; esac
  done
}

# Registers this machine as a runner, as `<host>-local`, with the open admin session. The session
# reaches the register command in HANGAR_TOKEN, in its environment alone (never on a command line);
# the command writes the config file, mode 0600.
register_runner() {
  local host status=0
  host=$(hostname -s 2>/dev/null || uname -n)
  say "Registering this machine as a runner ..."
  (umask 077 && mkdir -p "$RUNNER_DIR")
  local -a java_opts=()
  read -r -a java_opts <<<"${HANGAR_JAVA_OPTS:-}"
  (
    drop_hangar_environment
    export HANGAR_TOKEN=$SESSION
    exec java ${java_opts[@]+"${java_opts[@]}"} -jar "$ROOT/$(launch_jar_of runner)" register \
      --url "$API_URL" --name "${host:0:90}-local" --config "$ROOT/$RUNNER_CONFIG"
  ) >>"$RUNNER_LOG" 2>&1 </dev/null 9>&- || status=$?
  if ((status != 0)); then
    start_failed "registering the runner failed (hangar-runner register exited with $status)" runner
  fi
}

# Starts `hangar-runner run` in the background with its config, workspaces and caches under .hangar/.
launch_runner() {
  local -a java_opts=()
  read -r -a java_opts <<<"${HANGAR_JAVA_OPTS:-}"
  (
    drop_hangar_environment
    exec nohup java ${java_opts[@]+"${java_opts[@]}"} -jar "$ROOT/$(launch_jar_of runner)" run \
      --config "$ROOT/$RUNNER_CONFIG" --work-dir "$ROOT/$RUNNER_WORK" --cache-dir "$ROOT/$RUNNER_CACHE"
  ) >>"$RUNNER_LOG" 2>&1 </dev/null 9>&- &
  RUNNER_PID=$!
  RUNNER_EXIT=''
  printf '%s\n' "$RUNNER_PID" >"$(pid_file runner)"
  say "Started runner (pid $RUNNER_PID, $(runner_config_field runner_id))"
}

# Waits until the API shows the runner online (or busy: it went back to a build it held). Fails
# when the runner exits first (RUNNER_EXIT says how) or when HEALTH_TIMEOUT runs out.
wait_runner_online() {
  local id answer deadline=$((SECONDS + HEALTH_TIMEOUT))
  local re='"status"[[:space:]]*:[[:space:]]*"(online|busy)"'
  id=$(runner_config_field runner_id) || return 1
  while :; do
    if ! alive "$RUNNER_PID"; then
      RUNNER_EXIT=0
      wait "$RUNNER_PID" || RUNNER_EXIT=$?
      return 1
    fi
    answer=$(api GET "/v1/runners/$id")
    if [[ ${answer##*$'\n'} == 200 && $answer =~ $re ]]; then
      RUNNER_VIEW=${answer%$'\n'*}
      return 0
    fi
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

# Deletes the runner the config file names (gone already answers 404), then the file.
forget_runner() {
  local id status
  if id=$(runner_config_field runner_id); then
    status=$(api DELETE "/v1/runners/$id")
    status=${status##*$'\n'}
    if [[ $status != 204 && $status != 404 ]]; then
      say "warning: deleting runner $id $(answered "$status"); delete it yourself (DELETE /v1/runners/$id)"
    fi
  fi
  rm -f "$RUNNER_CONFIG"
}

# `up`, once api-service and the dispatcher are healthy: register the runner on first start (or
# when the one registered belongs to another address), start it and wait until it is online. A
# stored runner the server refuses (`run` exits 3: it was deleted, or Redis lost its data) is
# registered anew, once.
start_embedded_runner() {
  local password=$1 stored fresh=0
  if [[ -f $RUNNER_LOG ]]; then
    mv -f "$RUNNER_LOG" "$RUNNER_LOG.prev"
  fi
  if ! open_session "$password"; then
    start_failed "the runner is registered and watched with an admin session, but logging in as admin $(answered "$LOGIN_STATUS")$(login_refused_hint "$LOGIN_STATUS"); set HANGAR_ADMIN_PASSWORD to the admin's password, or start without the runner (HANGAR_RUNNER=off)"
  fi
  if stored=$(runner_config_field url) && [[ $stored != "$API_URL" ]]; then
    say "The runner in $RUNNER_CONFIG belongs to $stored; registering a new one for $API_URL"
    forget_runner
  fi
  if [[ ! -f $RUNNER_CONFIG ]]; then
    register_runner
    fresh=1
  fi
  launch_runner
  if ! wait_runner_online && [[ $fresh == 0 && $RUNNER_EXIT == 3 ]]; then
    say "Runner $(runner_config_field runner_id) is not accepted any more (deleted, or Redis lost its data); registering a new one"
    forget_runner
    register_runner
    launch_runner
    wait_runner_online || runner_start_failed
  elif [[ -z $RUNNER_VIEW ]]; then
    runner_start_failed
  fi
  close_session
}

runner_start_failed() {
  if [[ -n $RUNNER_EXIT ]]; then
    start_failed "the runner exited with code $RUNNER_EXIT during start-up" runner
  fi
  start_failed "the runner did not show online within ${HEALTH_TIMEOUT}s" runner
}

# The summary's lines about the runner, from its view in the API.
runner_summary() {
  local view=$RUNNER_VIEW id='' name='' platforms='' tools='' capacity='' re
  re='"id"[[:space:]]*:[[:space:]]*"([^"]*)"'
  [[ $view =~ $re ]] && id=${BASH_REMATCH[1]}
  re='"name"[[:space:]]*:[[:space:]]*"([^"]*)"'
  [[ $view =~ $re ]] && name=${BASH_REMATCH[1]}
  re='"platforms"[[:space:]]*:[[:space:]]*\[([^]]*)\]'
  [[ $view =~ $re ]] && platforms=${BASH_REMATCH[1]//\"/}
  re='"tools"[[:space:]]*:[[:space:]]*\{([^}]*)\}'
  [[ $view =~ $re ]] && tools=${BASH_REMATCH[1]//\"/}
  re='"capacity"[[:space:]]*:[[:space:]]*([0-9]+)'
  [[ $view =~ $re ]] && capacity=${BASH_REMATCH[1]}
  tools=${tools//:/ }
  tools=${tools//,/, }
  say "  Runner:      ${id:-?} (${name:-?}), online; found when it registered: platforms ${platforms//,/, };"
  say "               tools ${tools:-none (no Flutter, Xcode or Android SDK)}; capacity ${capacity:-1}"
  say "               config $RUNNER_CONFIG, log $RUNNER_LOG"
}

# `status`: one line about the runner; 3 when `up` started it and it is not running any more.
runner_status() {
  local pid id
  id=$(runner_config_field runner_id) || id='not registered'
  if pid=$(running_pid runner); then
    say "runner: running (pid $pid), $id, log $RUNNER_LOG"
  elif [[ -f $(pid_file runner) ]]; then
    say "runner: not running ($id; see $RUNNER_LOG)"
    return 3
  else
    say "runner: not started (./hangar up starts one unless HANGAR_RUNNER=off)"
  fi
}
