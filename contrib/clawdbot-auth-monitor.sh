#!/bin/sh
# clawdbot-auth-monitor: run `clawdbot models status --check` and report a problem through a
# command of your choice (notify-send, termux-notification, a webhook via curl, mail ...).
# Plain POSIX sh: runs from cron, a systemd timer, or Termux's job scheduler.
#
# Exit status: the check's own (0 ok, 1 expired/missing/unusable, 2 expiring soon),
# 3 when clawdbot could not be run or failed for another reason, 4 when reporting failed.
#
# Settings (environment variables; also read from the file in CLAWDBOT_MONITOR_CONFIG, default
# ${XDG_CONFIG_HOME:-$HOME/.config}/clawdbot/auth-monitor.env, as plain NAME=value lines):
#   CLAWDBOT_BIN                 the clawdbot command, split on spaces (default: clawdbot)
#   CLAWDBOT_MONITOR_AGENT       agent to check (default: main); "all" checks every agent
#   CLAWDBOT_MONITOR_WARN_WITHIN expiring window (default: 24h)
#   CLAWDBOT_MONITOR_WARN_USAGE  a percentage (e.g. 90): also warn when a profile in use has a
#                                subscription window more than that percent used (default: off)
#   CLAWDBOT_MONITOR_NOTIFY      command run as: <command> "<title>" "<message>" (a shell command
#                                line; "$@" is appended). Default: notify-send, else
#                                termux-notification, else the message goes to stderr only.
#   CLAWDBOT_MONITOR_WEBHOOK     URL: also POST {"level","title","text","host","exitCode"} as
#                                JSON with curl (Slack/Discord/ntfy-style incoming webhooks)
#   CLAWDBOT_MONITOR_NOTIFY_OK   1 = also report when everything is fine (default: only problems)
#   CLAWDBOT_MONITOR_ONLY_CHANGES 1 = report only when the result differs from the last run
#                                (state in CLAWDBOT_MONITOR_STATE, default
#                                ${XDG_STATE_HOME:-$HOME/.local/state}/clawdbot/auth-monitor.state)
# The notify command also gets CLAWDBOT_MONITOR_LEVEL (ok|warning|error|failure) and
# CLAWDBOT_MONITOR_EXIT (the check's exit code) in its environment.

set -u

conf=${CLAWDBOT_MONITOR_CONFIG:-${XDG_CONFIG_HOME:-${HOME:-/}/.config}/clawdbot/auth-monitor.env}
if [ -r "$conf" ]; then
  # NAME=value lines only; values set in the environment win over the file.
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      ''|'#'*) continue ;;
      CLAWDBOT_*=*)
        name=${line%%=*}
        value=${line#*=}
        case $name in *[!A-Z0-9_]*) continue ;; esac
        eval "isset=\${$name+x}"
        # shellcheck disable=SC2154
        if [ -z "$isset" ]; then
          # Strip one pair of surrounding quotes.
          case $value in \"*\") value=${value#\"}; value=${value%\"} ;; \'*\') value=${value#\'}; value=${value%\'} ;; esac
          export "$name=$value"
        fi
        ;;
    esac
  done < "$conf"
fi

bin=${CLAWDBOT_BIN:-clawdbot}
agent=${CLAWDBOT_MONITOR_AGENT:-main}
warn_within=${CLAWDBOT_MONITOR_WARN_WITHIN:-24h}
warn_usage=${CLAWDBOT_MONITOR_WARN_USAGE:-}
host=$(hostname 2>/dev/null || uname -n 2>/dev/null || echo host)

if [ "$agent" = all ]; then
  agent_args=--all-agents
else
  agent_args="--agent $agent"
fi

usage_args=
warning_what="credentials expiring within $warn_within"
if [ -n "$warn_usage" ]; then
  usage_args="--warn-usage $warn_usage"
  warning_what="credentials expiring within $warn_within or a subscription window over ${warn_usage%%%}% used"
fi

# Run the check; keep everything it printed (it never prints secrets).
# shellcheck disable=SC2086
output=$($bin models status --check --warn-within "$warn_within" $agent_args $usage_args 2>&1)
code=$?

case $code in
  0) level=ok; title="Clawdbot auth OK on $host" ;;
  1) level=error; title="Clawdbot auth: credentials expired or missing on $host" ;;
  2) level=warning; title="Clawdbot auth: $warning_what on $host" ;;
  126|127) level=failure; title="Clawdbot auth check could not run on $host"
     output="could not run '$bin' (exit $code): ${output:-command not found}. Set CLAWDBOT_BIN to the clawdbot command." ;;
  *) level=failure; title="Clawdbot auth check failed on $host (exit $code)" ;;
esac
[ -n "$output" ] || output="clawdbot models status --check exited $code"
[ "$level" = ok ] && output="All credentials in use are valid for at least $warn_within."

status=$code
case $code in 0|1|2) ;; *) status=3 ;; esac

# Only changes? Compare with the last run's result.
if [ "${CLAWDBOT_MONITOR_ONLY_CHANGES:-0}" = 1 ]; then
  state=${CLAWDBOT_MONITOR_STATE:-${XDG_STATE_HOME:-${HOME:-/}/.local/state}/clawdbot/auth-monitor.state}
  current="$level
$output"
  previous=$(cat "$state" 2>/dev/null || true)
  mkdir -p "$(dirname "$state")" 2>/dev/null && (umask 077 && printf '%s\n' "$current" > "$state") 2>/dev/null
  if [ "$current" = "$previous" ]; then
    exit "$status"
  fi
  # A recovery is a change worth telling.
  [ "$level" = ok ] && [ -n "$previous" ] && CLAWDBOT_MONITOR_NOTIFY_OK=1
fi

if [ "$level" = ok ] && [ "${CLAWDBOT_MONITOR_NOTIFY_OK:-0}" != 1 ]; then
  exit "$status"
fi

export CLAWDBOT_MONITOR_LEVEL="$level" CLAWDBOT_MONITOR_EXIT="$code"
report_failed=0

notify=${CLAWDBOT_MONITOR_NOTIFY-}
if [ -n "$notify" ]; then
  sh -c "$notify \"\$@\"" clawdbot-auth-monitor "$title" "$output" || report_failed=1
elif command -v notify-send >/dev/null 2>&1 && { [ -n "${DISPLAY-}" ] || [ -n "${WAYLAND_DISPLAY-}" ] || [ -n "${DBUS_SESSION_BUS_ADDRESS-}" ]; }; then
  urgency=normal
  [ "$level" = error ] || [ "$level" = failure ] && urgency=critical
  notify-send -u "$urgency" -a clawdbot "$title" "$output" || report_failed=1
elif command -v termux-notification >/dev/null 2>&1; then
  termux-notification --id clawdbot-auth --title "$title" --content "$output" || report_failed=1
fi

json_string() {
  # Escape for a JSON string: backslash, quote, tab, CR, then join lines with \n.
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/	/\\t/g' -e 's/\r/\\r/g' | awk 'BEGIN{ORS=""} NR>1{print "\\n"} {print}'
}

if [ -n "${CLAWDBOT_MONITOR_WEBHOOK-}" ]; then
  body=$(printf '{"level":"%s","title":"%s","text":"%s","host":"%s","exitCode":%s}' \
    "$level" "$(json_string "$title")" "$(json_string "$output")" "$(json_string "$host")" "$code")
  if ! curl -fsS --max-time 20 -H 'Content-Type: application/json' --data-binary "$body" "$CLAWDBOT_MONITOR_WEBHOOK" >/dev/null; then
    report_failed=1
  fi
fi

# Always leave a line in the journal / cron mail.
printf '%s: %s\n%s\n' "$level" "$title" "$output" >&2

if [ "$report_failed" = 1 ]; then
  echo "clawdbot-auth-monitor: reporting failed (check CLAWDBOT_MONITOR_NOTIFY / CLAWDBOT_MONITOR_WEBHOOK)" >&2
  exit 4
fi
exit "$status"
