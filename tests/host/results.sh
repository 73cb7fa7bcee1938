# tests/host/results.sh: result lines and a plan for the host test scripts
# (sourced, POSIX sh).
#
#   . tests/host/results.sh
#   r_plan SUITE N         declare N results up front; arms the exit check
#   r_ok NAME              prints "ok - SUITE/NAME"
#   r_not_ok NAME REASON   prints "not ok - SUITE/NAME: REASON"
#   R_CLEANUP='...'        run at exit (instead of a trap of the script's own)
#
# Why a plan: a script that dies half-way (a `set -u` slip, a command not
# found, an early exit) prints fewer lines, and a runner that counts only
# "not ok" lines would pass it.  At exit, fewer results than planned adds
# "not ok - SUITE/plan: M of N results (exit status S)".  More than planned
# is also reported: the plan is then stale and hides nothing only by luck.
# The script's exit status is 1 if any result failed, else 0.
R_SUITE=host; R_PLAN=0; R_SEEN=0; R_FAILED=0; R_CLEANUP=:

r_plan() { R_SUITE=$1; R_PLAN=$2; trap 'r_end $?' EXIT; }
r_ok() { echo "ok - $R_SUITE/$1"; R_SEEN=$((R_SEEN + 1)); }
r_not_ok() { echo "not ok - $R_SUITE/$1: $2"; R_SEEN=$((R_SEEN + 1)); R_FAILED=1; }

r_end() {
    trap - EXIT
    eval "$R_CLEANUP"
    if [ "$R_SEEN" -ne "$R_PLAN" ]; then
        echo "not ok - $R_SUITE/plan: $R_SEEN of $R_PLAN results (exit status $1)"
        R_FAILED=1
    fi
    exit $R_FAILED
}

# Wait until the command "$@" succeeds, at most $R_DEADLINE seconds (default
# 10), polling every 0.05 s.  Returns 1 on timeout.  Waits end on a
# condition, never after a fixed delay: the host is shared and slow.
r_wait() {
    r_until=$(($(date +%s) + ${R_DEADLINE:-10}))
    until "$@"; do
        [ "$(date +%s)" -ge "$r_until" ] && return 1
        sleep 0.05
    done
    return 0
}
