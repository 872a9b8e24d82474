# shellcheck shell=bash
#
# Throwaway PostgreSQL 15 clusters for tests and local development.
#
# Source this file, then:
#
#   pg_start_throwaway   # starts a cluster, sets PG_THROWAWAY_DIR/PORT/URL
#   ...                  # use "$PG_THROWAWAY_URL" (role and database vwtest)
#   pg_stop_throwaway    # stops it and deletes its directory
#
# The cluster lives in a fresh directory under /tmp (override the parent
# with PG_THROWAWAY_BASE), listens on 127.0.0.1 only, on a free port, uses
# trust authentication and runs with fsync off: it is for tests only.
#
# As root (CI, the project's machines) the server runs as the `postgres` OS
# user through runuser, and postgresql-15 is installed with apt-get when it
# is missing. As any other user (a developer machine) initdb/pg_ctl run as
# that user; set PG_BIN to the directory holding initdb and pg_ctl when
# PostgreSQL 15 is not at /usr/lib/postgresql/15/bin.
#
# The functions do not `set -e` and do not install traps: callers decide.
# They return non-zero after printing one line naming what failed (and the
# tail of the server log when the server itself is involved).

PG_THROWAWAY_ROLE=${PG_THROWAWAY_ROLE:-vwtest}
PG_THROWAWAY_PASSWORD=${PG_THROWAWAY_PASSWORD:-vwtest}
PG_THROWAWAY_DB=${PG_THROWAWAY_DB:-vwtest}

_pg_say() { printf 'postgres.sh: %s\n' "$*" >&2; }

_pg_is_root() { [ "$(id -u)" -eq 0 ]; }

# True when process $1 exists and is not a zombie (a stopped postmaster may
# linger as a zombie until init reaps it).
_pg_pid_alive() {
    local pid=$1 state
    kill -0 "$pid" 2>/dev/null || return 1
    if [ -r "/proc/$pid/stat" ]; then
        state=$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)
        [ "$state" != Z ] && [ -n "$state" ]
        return
    fi
    return 0
}

# Print the last lines of the server log (if any) to stderr.
_pg_log_tail() {
    local log="${PG_THROWAWAY_DIR:-}/log"
    if [ -n "${PG_THROWAWAY_DIR:-}" ] && [ -s "$log" ]; then
        printf -- '--- last lines of %s ---\n' "$log" >&2
        tail -n 25 "$log" >&2
        printf -- '--- end of server log ---\n' >&2
    fi
}

# Run a PostgreSQL program as the cluster's owner. The working directory is
# the cluster's own directory, so that it works even when the `postgres`
# user cannot read the caller's directory (e.g. a clone under /root).
_pg_as_owner() {
    if _pg_is_root; then
        (cd "$PG_THROWAWAY_DIR" && runuser -u postgres -- "$@")
    else
        (cd "$PG_THROWAWAY_DIR" && "$@")
    fi
}

# Locate initdb/pg_ctl/psql; install postgresql-15 when root and missing.
_pg_find_bin() {
    local default=/usr/lib/postgresql/15/bin
    if [ -n "${PG_BIN:-}" ]; then
        if [ ! -x "$PG_BIN/initdb" ]; then
            _pg_say "PG_BIN=$PG_BIN has no executable initdb"
            return 1
        fi
        return 0
    fi
    if [ ! -x "$default/initdb" ]; then
        if _pg_is_root; then
            _pg_say "PostgreSQL 15 not found at $default: installing postgresql-15 with apt-get"
            local t0=$SECONDS
            # On a fresh machine the package lists may be empty: update and retry once.
            if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/tmp/pg-throwaway-apt.log 2>&1; then
                DEBIAN_FRONTEND=noninteractive apt-get update -q >>/tmp/pg-throwaway-apt.log 2>&1
                if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >>/tmp/pg-throwaway-apt.log 2>&1; then
                    tail -n 15 /tmp/pg-throwaway-apt.log >&2
                    _pg_say "apt-get install -y postgresql-15 failed (full log: /tmp/pg-throwaway-apt.log)"
                    return 1
                fi
            fi
            _pg_say "installed postgresql-15 in $((SECONDS - t0)) s"
        else
            _pg_say "PostgreSQL 15 not found at $default: run 'sudo apt-get install postgresql-15' or set PG_BIN to the directory holding initdb"
            return 1
        fi
    fi
    PG_BIN=$default
}

# Print a free TCP port on 127.0.0.1.
_pg_free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 - <<'EOF' && return 0
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
    fi
    # Fallback without python3: probe random high ports with ss.
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        if ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# Start a throwaway cluster. On success exports PG_THROWAWAY_DIR,
# PG_THROWAWAY_PORT and PG_THROWAWAY_URL; on failure cleans up after itself.
pg_start_throwaway() {
    if [ -n "${PG_THROWAWAY_DIR:-}" ]; then
        _pg_say "a throwaway cluster is already running in $PG_THROWAWAY_DIR (call pg_stop_throwaway first)"
        return 1
    fi
    local t0=$SECONDS
    _pg_find_bin || return 1

    if _pg_is_root && ! id postgres >/dev/null 2>&1; then
        _pg_say "OS user 'postgres' does not exist (reinstall postgresql-15 or postgresql-common)"
        return 1
    fi

    local base=${PG_THROWAWAY_BASE:-/tmp}
    PG_THROWAWAY_DIR=$(mktemp -d "$base/vw-pg.XXXXXX") || {
        _pg_say "could not create a temp dir under $base"
        PG_THROWAWAY_DIR=
        return 1
    }
    export PG_THROWAWAY_DIR
    chmod 700 "$PG_THROWAWAY_DIR"
    if _pg_is_root; then
        chown postgres:postgres "$PG_THROWAWAY_DIR" || {
            _pg_say "could not chown $PG_THROWAWAY_DIR to postgres"
            pg_stop_throwaway
            return 1
        }
    fi
    local data="$PG_THROWAWAY_DIR/data"

    if ! _pg_as_owner "$PG_BIN/initdb" -D "$data" -A trust -U postgres \
            --encoding=UTF8 --locale=C.UTF-8 >"$PG_THROWAWAY_DIR/initdb.log" 2>&1; then
        tail -n 15 "$PG_THROWAWAY_DIR/initdb.log" >&2
        _pg_say "initdb failed in $data (see output above)"
        pg_stop_throwaway
        return 1
    fi

    # Another process may grab the port between probing and binding: retry.
    local attempt port started=
    for attempt in 1 2 3; do
        port=$(_pg_free_port) || {
            _pg_say "could not find a free TCP port"
            pg_stop_throwaway
            return 1
        }
        if _pg_as_owner "$PG_BIN/pg_ctl" -D "$data" \
                -o "-p $port -k $PG_THROWAWAY_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
                -l "$PG_THROWAWAY_DIR/log" -w -t 60 start >"$PG_THROWAWAY_DIR/pg_ctl.log" 2>&1; then
            started=1
            break
        fi
        if grep -q -e 'could not bind' -e 'Address already in use' "$PG_THROWAWAY_DIR/log" 2>/dev/null; then
            _pg_say "port $port was taken (attempt $attempt), trying another one"
            continue
        fi
        break
    done
    if [ -z "$started" ]; then
        cat "$PG_THROWAWAY_DIR/pg_ctl.log" >&2
        _pg_log_tail
        _pg_say "pg_ctl start failed for the throwaway cluster in $data (port $port)"
        pg_stop_throwaway
        return 1
    fi
    PG_THROWAWAY_PORT=$port
    export PG_THROWAWAY_PORT

    # Role and database for the tests. psql -X: ignore any ~/.psqlrc.
    if ! _pg_as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
            -c "CREATE ROLE $PG_THROWAWAY_ROLE LOGIN PASSWORD '$PG_THROWAWAY_PASSWORD'" \
            -c "CREATE DATABASE $PG_THROWAWAY_DB OWNER $PG_THROWAWAY_ROLE" >"$PG_THROWAWAY_DIR/psql.log" 2>&1; then
        cat "$PG_THROWAWAY_DIR/psql.log" >&2
        _pg_log_tail
        _pg_say "creating role/database $PG_THROWAWAY_ROLE on 127.0.0.1:$port failed"
        pg_stop_throwaway
        return 1
    fi

    PG_THROWAWAY_URL="postgres://$PG_THROWAWAY_ROLE:$PG_THROWAWAY_PASSWORD@127.0.0.1:$port/$PG_THROWAWAY_DB"
    export PG_THROWAWAY_URL
    _pg_say "PostgreSQL 15 running on 127.0.0.1:$port (dir $PG_THROWAWAY_DIR), started in $((SECONDS - t0)) s"
}

# Stop the throwaway cluster and delete its directory. Safe to call twice,
# or when the start failed half-way.
pg_stop_throwaway() {
    local dir=${PG_THROWAWAY_DIR:-}
    if [ -z "$dir" ]; then
        return 0
    fi
    # Never delete anything but a directory this file created.
    case "$(basename "$dir")" in
        vw-pg.*) ;;
        *)
            _pg_say "refusing to delete $dir: not a throwaway cluster dir"
            return 1
            ;;
    esac
    local data="$dir/data" rc=0 pid=
    if [ -f "$data/postmaster.pid" ]; then
        pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
        if ! _pg_as_owner "${PG_BIN:-/usr/lib/postgresql/15/bin}/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1; then
            _pg_say "pg_ctl stop -m fast failed for $data, trying -m immediate"
            _pg_log_tail
            _pg_as_owner "${PG_BIN:-/usr/lib/postgresql/15/bin}/pg_ctl" -D "$data" -m immediate -w -t 10 stop >/dev/null 2>&1
        fi
        # pg_ctl returns once postmaster.pid is gone, which can be a moment
        # before the process itself exits: give it up to 5 s.
        if [ -n "$pid" ]; then
            for _ in $(seq 1 50); do
                _pg_pid_alive "$pid" || break
                sleep 0.1
            done
        fi
        # Last resort: the postmaster we started (by its pid) is still there.
        if [ -n "$pid" ] && _pg_pid_alive "$pid"; then
            _pg_say "postmaster $pid still running, killing it"
            kill -KILL "$pid" 2>/dev/null
            rc=1
        fi
    fi
    rm -rf -- "$dir" || {
        _pg_say "could not delete $dir"
        rc=1
    }
    unset PG_THROWAWAY_DIR PG_THROWAWAY_PORT PG_THROWAWAY_URL
    return $rc
}
