#!/bin/sh
# A clawdbot / OpenClaw exec secret provider for 1Password (`op read`).
# Each id is a 1Password secret reference without its scheme: `Private/Anthropic/credential`
# stands for `op://Private/Anthropic/credential`. Reads the request on stdin:
#   {"protocolVersion":1,"provider":"op","ids":["Private/Anthropic/credential", ...]}
# and answers on stdout:
#   {"protocolVersion":1,"values":{"<id>":"<secret>"},"errors":{"<id>":{"message":"..."}}}
# Ids only hold letters, digits and . _ : / # - (the reference grammar), so no quoting is needed
# to read them; values are escaped for JSON. op's own messages go nowhere: they can hold secrets.
#
# Config (clawdbot.json), with the environment op needs passed through:
#   "secrets": { "providers": { "op": { "source": "exec", "command": "/home/me/bin/op-read.sh",
#       "passEnv": ["PATH", "HOME", "OP_SERVICE_ACCOUNT_TOKEN"], "timeoutMs": 10000 } } }
set -u
json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr -d '\n\r'; }
request=$(cat)
ids=$(printf '%s' "$request" | sed -n 's/.*"ids"[[:space:]]*:[[:space:]]*\[\([^]]*\)\].*/\1/p' | tr ',' '\n' | tr -d '" \t')
values=""
errors=""
for id in $ids; do
  if value=$(op read --no-newline "op://$id" 2>/dev/null) && [ -n "$value" ]; then
    values="$values${values:+,}\"$id\":\"$(json_escape "$value")\""
  else
    errors="$errors${errors:+,}\"$id\":{\"message\":\"op read failed (run: op read op://$id)\"}"
  fi
done
printf '{"protocolVersion":1,"values":{%s},"errors":{%s}}\n' "$values" "$errors"
