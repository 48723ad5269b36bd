#!/bin/sh
# A clawdbot / OpenClaw exec secret provider for pass (the standard Unix password manager).
# Each id is a pass entry name (`api/groq`); its first line is the secret, as `pass` keeps it.
# Protocol as in op-read.sh: the request on stdin, {"protocolVersion":1,"values":…,"errors":…}
# on stdout. gpg needs its agent: pass HOME (and GNUPGHOME, PASSWORD_STORE_DIR if you set them).
#
#   "secrets": { "providers": { "pass": { "source": "exec", "command": "/home/me/bin/pass-show.sh",
#       "passEnv": ["PATH", "HOME", "GNUPGHOME", "PASSWORD_STORE_DIR"], "timeoutMs": 10000 } } }
set -u
json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr -d '\n\r'; }
request=$(cat)
ids=$(printf '%s' "$request" | sed -n 's/.*"ids"[[:space:]]*:[[:space:]]*\[\([^]]*\)\].*/\1/p' | tr ',' '\n' | tr -d '" \t')
values=""
errors=""
for id in $ids; do
  if value=$(pass show "$id" 2>/dev/null | head -n 1) && [ -n "$value" ]; then
    values="$values${values:+,}\"$id\":\"$(json_escape "$value")\""
  else
    errors="$errors${errors:+,}\"$id\":{\"message\":\"no such pass entry, or it could not be decrypted (run: pass show $id)\"}"
  fi
done
printf '{"protocolVersion":1,"values":{%s},"errors":{%s}}\n' "$values" "$errors"
