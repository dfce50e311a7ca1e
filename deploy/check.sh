#!/usr/bin/env bash
# Checks the deployment files where the tools exist: the nginx site with `nginx -t` (a throw-away self-signed certificate in
# a temporary prefix, nothing installed or reloaded) and the systemd unit with `systemd-analyze verify`.
# Usage: bash deploy/check.sh    (exit 0 = every available check passed; a missing tool is reported, not failed)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
status=0

if command -v nginx >/dev/null && command -v openssl >/dev/null; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/logs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=approval.example.gov.cn" \
    -keyout "$tmp/approvalflow.key" -out "$tmp/approvalflow.crt" 2>/dev/null
  sed -e "s#/etc/nginx/tls/#$tmp/#g" "$here/nginx/approvalflow.conf" > "$tmp/site.conf"
  cat > "$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
events {}
http {
  access_log $tmp/logs/access.log;
  client_body_temp_path $tmp/body;
  proxy_temp_path $tmp/proxy;
  include $tmp/site.conf;
}
CONF
  if nginx -t -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/logs/error.log"; then echo "nginx: site config OK"; else status=1; fi
else
  echo "nginx or openssl not installed: nginx check not run"
fi

if command -v systemd-analyze >/dev/null; then
  # verify wants the binary to exist; only the unit's own syntax and keys are of interest here.
  if systemd-analyze verify "$here/approvalflow.service" 2>&1 | grep -v "/usr/bin/dotnet\|/opt/approvalflow" | grep . ; then
    status=1
  else
    echo "systemd: unit OK"
  fi
else
  echo "systemd-analyze not installed: unit check not run"
fi
exit $status
