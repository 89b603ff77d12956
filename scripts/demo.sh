# shellcheck shell=bash
# ./hangar demo: a first build, on the runner `./hangar up` started (sourced by ./hangar, never
# executed: it uses ./hangar's helpers and settings). It makes a git repository of examples/hello
# (or, with `flutter`, of an app `flutter create` makes) under .hangar/demo/ and serves it with git
# daemon, since a project's repository_url must be a git, ssh or https URL. Then it does over the
# API what a person would do with curl: a project, a pipeline, a build, and its steps.

DEMO_DIR=$STATE_DIR/demo
# What git daemon serves: one bare repository per demo.
DEMO_GIT_DIR=$DEMO_DIR/git
# The port git daemon listened on last: projects keep it in their repository_url.
DEMO_GIT_PORT_FILE=$DEMO_DIR/git-port
DEMO_GIT_PORT=''
# Set by demo_project and demo_pipeline.
DEMO_PROJECT=''
DEMO_PIPELINE=''
# Set by stream_build_log: the log's byte to go on from, and the build's status once it ended.
LOG_NEXT=0
LOG_ENDED=''

HELLO_STEPS='{"steps":[{"name":"build","run":"./build.sh"},{"name":"test","run":"test -s out/hello.txt"}]}'

cmd_demo() {
  local kind=${1:-hello}
  case $kind in
    hello | flutter) ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
  if [[ $(recorded_mode) != local ]] || ! running_pid api-service >/dev/null; then
    die "./hangar demo needs Hangar up in local mode: run ./hangar up first (under Docker Compose there is no runner to build it)"
  fi
  local tool
  for tool in git jq curl; do
    command -v "$tool" >/dev/null 2>&1 || die "./hangar demo needs $tool; install it"
  done
  local platform name config sha
  platform=$(host_platform)
  if [[ $kind == flutter ]]; then
    name=hello-flutter
    # No steps: the runner runs Flutter's own for the platform (flutter pub get, flutter build).
    config='{}'
    make_flutter_app "$name" "$platform"
  else
    name=hello
    config=$HELLO_STEPS
    copy_hello_sources "$name"
  fi
  sha=$(publish_demo_repository "$name")
  ensure_git_daemon
  # From here on it only talks to the API: other ./hangar commands (down, say) may run meanwhile.
  exec 9>&-
  build_demo "$name" "git://127.0.0.1:$DEMO_GIT_PORT/$name.git" "$platform" "$config" "$sha"
}

# The platform of this machine's runner: the one its builds are for.
host_platform() {
  case "$(uname -s)" in
    Linux) printf 'linux' ;;
    Darwin) printf 'macos' ;;
    *) die "./hangar demo builds on Linux or macOS, where the runner runs" ;;
  esac
}

# Git as the demo commits: its own author, none of the user's hooks or commit signing.
demo_git() {
  git -c user.name='Hangar demo' -c user.email=demo@hangar.invalid -c init.defaultBranch=main \
    -c commit.gpgSign=false -c core.hooksPath=/dev/null "$@"
}

# demo_work_tree NAME: where the demo's sources are committed from.
demo_work_tree() { printf '%s/%s/%s' "$ROOT" "$DEMO_DIR" "$1"; }

# Exactly what examples/hello holds now, so an edit there becomes the next build's commit.
copy_hello_sources() {
  local work
  work=$(demo_work_tree "$1")
  mkdir -p "$work"
  find "$work" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  cp -R "$ROOT/examples/hello/." "$work/"
}

# make_flutter_app NAME PLATFORM: an app of `flutter create` for the platform, made once.
make_flutter_app() {
  local work version
  version=$(flutter --version 2>/dev/null | head -n 1) || true
  if [[ -z $version ]]; then
    die "'flutter --version' fails here, so ./hangar demo flutter cannot make an app (./hangar demo needs no Flutter)"
  fi
  work=$(demo_work_tree "$1")
  if [[ -d $work ]]; then
    return 0
  fi
  say "Creating a Flutter app for $2 with flutter create ($version) ..."
  rm -rf "$work.tmp"
  # --no-pub: the build fetches packages itself, on the runner.
  flutter create --no-pub --project-name hello_flutter --org dev.hangar.demo --platforms "$2" \
    "$work.tmp" >/dev/null || die "flutter create failed"
  mv "$work.tmp" "$work"
}

# publish_demo_repository NAME: commits the work tree's changes, if any, pushes them to the bare
# repository git daemon serves, and prints the commit's full sha.
publish_demo_repository() {
  local work bare
  work=$(demo_work_tree "$1")
  bare=$ROOT/$DEMO_GIT_DIR/$1.git
  if [[ ! -d $bare ]]; then
    mkdir -p "$ROOT/$DEMO_GIT_DIR"
    demo_git init -q --bare "$bare"
  fi
  if [[ ! -d $work/.git ]]; then
    demo_git init -q "$work"
  fi
  demo_git -C "$work" add -A
  if ! demo_git -C "$work" rev-parse -q --verify HEAD >/dev/null ||
    ! demo_git -C "$work" diff --cached --quiet; then
    demo_git -C "$work" commit -q -m "$1 as ./hangar demo found it"
  fi
  # The bare repository only mirrors the work tree; a work tree made afresh starts a new history.
  demo_git -C "$work" push -q --force "$bare" HEAD:refs/heads/main
  demo_git -C "$work" rev-parse HEAD
}

# Serves the demo repositories on 127.0.0.1, on HANGAR_DEMO_GIT_PORT, else on the port it used
# before (projects keep it in their repository_url), else on a free one. Sets DEMO_GIT_PORT.
ensure_git_daemon() {
  local wanted=${HANGAR_DEMO_GIT_PORT:-} saved='' port
  if [[ -n $wanted ]] && { ! [[ $wanted =~ ^[0-9]{1,5}$ ]] || ((10#$wanted < 1 || 10#$wanted > 65535)); }; then
    die "HANGAR_DEMO_GIT_PORT must be a port number (got '$wanted')"
  fi
  if [[ -s $DEMO_GIT_PORT_FILE ]]; then
    saved=$(<"$DEMO_GIT_PORT_FILE")
  fi
  if running_pid git-daemon >/dev/null; then
    if [[ -z $wanted || $wanted == "$saved" ]]; then
      DEMO_GIT_PORT=$saved
      return 0
    fi
    stop_component git-daemon >/dev/null
  fi
  port=${wanted:-$saved}
  if [[ -n $port ]] && port_in_use "$port"; then
    if [[ -n $wanted ]]; then
      die "HANGAR_DEMO_GIT_PORT=$wanted is in use by another program"
    fi
    # Another program took it meanwhile: the demo gets a project for the new URL.
    port=''
  fi
  if [[ -z $port ]]; then
    port=$(free_port)
  fi
  start_git_daemon "$port" || die "git daemon did not start on port $port (see $LOG_DIR/git-daemon.log)"
  printf '%s\n' "$port" >"$DEMO_GIT_PORT_FILE"
  DEMO_GIT_PORT=$port
}

free_port() {
  local port
  while :; do
    port=$((49152 + RANDOM % 16384))
    if ! port_in_use "$port"; then
      printf '%s' "$port"
      return 0
    fi
  done
}

# start_git_daemon PORT: in the background, pid and log under .hangar/ like the other processes;
# answers once it accepts connections.
start_git_daemon() {
  local port=$1 pid deadline=$((SECONDS + 15))
  mkdir -p "$LOG_DIR"
  (
    exec nohup git daemon --export-all --reuseaddr --base-path="$ROOT/$DEMO_GIT_DIR" \
      --listen=127.0.0.1 --port="$port" "$ROOT/$DEMO_GIT_DIR"
  ) >"$LOG_DIR/git-daemon.log" 2>&1 </dev/null 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file git-daemon)"
  until port_in_use "$port"; do
    if ! alive "$pid" || ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.2
  done
  say "Started git daemon (pid $pid), serving the demo repositories at git://127.0.0.1:$port/"
}

# `status`: one line about git daemon, when `demo` started it.
git_daemon_status() {
  local pid
  if pid=$(running_pid git-daemon); then
    say "git daemon: running (pid $pid), serving the demo repositories at git://127.0.0.1:$(cat "$DEMO_GIT_PORT_FILE" 2>/dev/null)/"
  fi
}

# admin_password: the password `up` gave the admin, as load_secret chose it.
admin_password() {
  if [[ -n ${HANGAR_ADMIN_PASSWORD:-} ]]; then
    printf '%s' "$HANGAR_ADMIN_PASSWORD"
  elif [[ -s $ADMIN_PASSWORD_FILE ]]; then
    printf '%s' "$(<"$ADMIN_PASSWORD_FILE")"
  else
    die "no admin password: set HANGAR_ADMIN_PASSWORD, or run ./hangar up, which keeps one in $ADMIN_PASSWORD_FILE"
  fi
}

# build_demo NAME URL PLATFORM CONFIG SHA: the project and pipeline (made once, found by name
# afterwards), a build of the commit, followed to its end. Succeeds when the build does.
build_demo() {
  local name=$1 url=$2 platform=$3 config=$4 sha=$5 password build
  password=$(admin_password)
  if ! open_session "$password"; then
    die "logging in as admin $(answered "$LOGIN_STATUS")$(login_refused_hint "$LOGIN_STATUS"); set HANGAR_ADMIN_PASSWORD to the admin's password"
  fi
  require_online_runner "$platform"
  demo_project "$name" "$url"
  demo_pipeline "demo-$platform" "$platform" "$config"
  build=$(api_expect 201 POST "/v1/pipelines/$DEMO_PIPELINE/builds" \
    "$(jq -cn --arg sha "$sha" '{commit_sha: $sha, branch: "main"}')" | jq -r .id)
  say "Queued build $build: project $name ($DEMO_PROJECT), pipeline demo-$platform ($DEMO_PIPELINE), commit ${sha:0:12}"
  follow_build_log "$build"
  report_build "$build" "$password" "$sha"
}

# Refuses to queue a build nobody would take: a runner of the platform must be online.
require_online_runner() {
  local count
  count=$(api_expect 200 GET /v1/runners | jq --arg platform "$1" \
    '[.[] | select(.status == "online" or .status == "busy")
          | select(any(.capabilities.platforms[]; . == $platform))] | length')
  if ((count == 0)); then
    die "no runner that builds $1 is online, so a build would only wait: ./hangar up starts one on this machine unless HANGAR_RUNNER=off (./hangar status shows it), and docs/runner.md attaches others"
  fi
}

# demo_project NAME URL: sets DEMO_PROJECT to the project of that name and repository, made if
# there is none.
demo_project() {
  DEMO_PROJECT=$(api_expect 200 GET /v1/projects | jq -r --arg name "$1" --arg url "$2" \
    'first(.[] | select(.name == $name and .repository_url == $url) | .id) // empty')
  if [[ -z $DEMO_PROJECT ]]; then
    DEMO_PROJECT=$(api_expect 201 POST /v1/projects \
      "$(jq -cn --arg name "$1" --arg url "$2" '{name: $name, repository_url: $url}')" | jq -r .id)
    say "Created project $1 ($DEMO_PROJECT) for $2"
  fi
}

# demo_pipeline NAME PLATFORM CONFIG: sets DEMO_PIPELINE to the project's pipeline of that name
# and platform, made if there is none.
demo_pipeline() {
  DEMO_PIPELINE=$(api_expect 200 GET "/v1/projects/$DEMO_PROJECT/pipelines" |
    jq -r --arg name "$1" --arg platform "$2" \
      'first(.[] | select(.name == $name and .platform == $platform) | .id) // empty')
  if [[ -z $DEMO_PIPELINE ]]; then
    DEMO_PIPELINE=$(api_expect 201 POST "/v1/projects/$DEMO_PROJECT/pipelines" \
      "$(jq -cn --arg name "$1" --arg platform "$2" --argjson config "$3" \
        '{name: $name, platform: $platform, config: $config}')" | jq -r .id)
    say "Created pipeline $1 ($DEMO_PIPELINE): $3"
  fi
}

# Shows a build's own log as the API streams it (Server-Sent Events from
# /v1/builds/ID/logs/stream), whichever runner runs it, until the stream's `end` event. When the
# stream breaks (an api-service restarted, say) it reconnects with Last-Event-ID, the byte it got
# to, so nothing is shown twice or skipped.
follow_build_log() {
  local id=$1
  LOG_NEXT=0
  LOG_ENDED=''
  say "Following the log of $id until the build ends (Ctrl-C stops following; the build goes on):"
  stream_build_log "$id"
  while [[ -z $LOG_ENDED ]]; do
    sleep 1
    # Dies with the API's answer when the API itself is gone, rather than retrying forever.
    api_expect 200 GET "/v1/builds/$id" >/dev/null
    stream_build_log "$id"
  done
}

# stream_build_log ID: prints the log's text from byte LOG_NEXT as it comes, and moves LOG_NEXT on;
# sets LOG_ENDED to the build's status at the end event. Returns when the stream closes, at the end
# or when it broke. The session token reaches curl through stdin, never on a command line.
stream_build_log() {
  local line event='' data
  while IFS= read -r line; do
    line=${line%$'\r'}
    case $line in
      id:*) LOG_NEXT=${line#id:} ;;
      event:*) event=${line#event:} ;;
      data:*)
        data=${line#data:}
        if [[ $event == log ]]; then
          jq -j .text <<<"$data"
        elif [[ $event == end ]]; then
          LOG_ENDED=$(jq -r .status <<<"$data")
          say "  build: $LOG_ENDED"
        fi
        ;;
    esac
  done < <(printf 'Authorization: Bearer %s\nLast-Event-ID: %s\n' "$SESSION" "$LOG_NEXT" |
    curl -sN -H @- "$API_URL/v1/builds/$1/logs/stream" 2>/dev/null)
}

build_ended() {
  case $1 in
    succeeded | failed | cancelled) return 0 ;;
    *) return 1 ;;
  esac
}

# report_build ID PASSWORD SHA: the build's end, its steps, and the curl commands to look at it
# again; succeeds when the build did.
report_build() {
  local id=$1 view name status code seconds
  view=$(api_expect 200 GET "/v1/builds/$id")
  say ""
  jq -r '"Build \(.id) (number \(.build_number)) \(.status): exit code \(.exit_code // "none"),"
    + " attempt \(.attempt), runner \(.runner_id // "none")"
    + (if .message then "\n  " + .message else "" end)' <<<"$view"
  printf '  %-16s %-10s %5s %8s\n' step status exit seconds
  while IFS=$'\t' read -r name status code seconds; do
    printf '  %-16s %-10s %5s %8s\n' "$name" "$status" "$code" "$seconds"
  done < <(jq -r '.steps // [] | .[]
    | (.duration_ms // 0) as $ms
    | [.name, .status, (.exit_code // "-" | tostring), "\($ms / 1000 | floor).\($ms % 1000 / 100 | floor)"]
    | @tsv' <<<"$view")
  say ""
  say "Look at it with curl and jq:"
  say "  H=$API_URL"
  say "  TOKEN=\$(curl -s -X POST \$H/v1/sessions -H 'Content-Type: application/json' \\"
  say "    -d \"{\\\"username\\\":\\\"admin\\\",\\\"password\\\":\\\"$(password_expression "$2")\\\"}\" | jq -r .token)"
  say "  curl -s \$H/v1/builds/$id -H \"Authorization: Bearer \$TOKEN\" | jq '{status, exit_code, steps}'"
  say "  curl -s \"\$H/v1/projects/$DEMO_PROJECT/builds?limit=5\" -H \"Authorization: Bearer \$TOKEN\" | jq '.[] | {build_number, status}'"
  say "  curl -s -X POST \$H/v1/pipelines/$DEMO_PIPELINE/builds -H \"Authorization: Bearer \$TOKEN\" \\"
  say "    -H 'Content-Type: application/json' -d '{\"commit_sha\":\"$3\",\"branch\":\"main\"}' | jq '{id, status}'"
  say "  curl -s -X DELETE \$H/v1/sessions/current -H \"Authorization: Bearer \$TOKEN\""
  say "  curl -s \$H/v1/builds/$id/logs -H \"Authorization: Bearer \$TOKEN\""
  [[ $(jq -r .status <<<"$view") == succeeded ]]
}
