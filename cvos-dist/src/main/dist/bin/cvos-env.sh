# Shared by bin/start, bin/stop, bin/status and bin/cvos (sourced, not run).
# Environment (all optional):
#   JAVA_HOME         the Java 17+ to use (default: java on the PATH)
#   CVOS_JAVA_OPTS    JVM options of the server (default: -Xmx1g)
#   CVOS_CONFIG       the configuration file (default: $CVOS_HOME/conf/cvos.yaml)
#   CVOS_PID_FILE     the pid file (default: $CVOS_HOME/var/run/cvos.pid)
#   CVOS_START_TIMEOUT seconds bin/start waits for /health/ready (default: 180)
#   CVOS_STOP_TIMEOUT  seconds bin/stop waits after SIGTERM before SIGKILL (default: 60)
CVOS_HOME=$(cd "$(dirname "$0")/.." && pwd -P)
CVOS_CONFIG=${CVOS_CONFIG:-$CVOS_HOME/conf/cvos.yaml}
CVOS_PID_FILE=${CVOS_PID_FILE:-$CVOS_HOME/var/run/cvos.pid}
CVOS_LOG_DIR=$CVOS_HOME/var/log
CVOS_MAIN=dev.cvos.server.CvosServer

if [ -n "${JAVA_HOME:-}" ]; then
  JAVA=$JAVA_HOME/bin/java
else
  JAVA=$(command -v java || true)
fi
if [ -z "$JAVA" ] || [ ! -x "$JAVA" ]; then
  echo "cvos: no java found: install Java 17 or later, or set JAVA_HOME" >&2
  exit 1
fi

# The pid of the running server, or nothing. A pid file whose process is gone, or is not a CVOS
# server (the pid was reused), is stale and removed.
cvos_running_pid() {
  [ -f "$CVOS_PID_FILE" ] || return 0
  pid=$(cat "$CVOS_PID_FILE" 2>/dev/null || true)
  case "$pid" in
    ''|*[!0-9]*) rm -f "$CVOS_PID_FILE"; return 0 ;;
  esac
  if kill -0 "$pid" 2>/dev/null; then
    if [ -r "/proc/$pid/cmdline" ] && ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$CVOS_MAIN"; then
      rm -f "$CVOS_PID_FILE"
      return 0
    fi
    echo "$pid"
  else
    rm -f "$CVOS_PID_FILE"
  fi
}
