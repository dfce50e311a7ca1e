#!/usr/bin/env bash
# Runs every test of ApprovalFlow (unit, integration on real SQLite and on a private PostgreSQL cluster, browser tests in Chromium).
# Installs what a fresh Debian machine lacks when run as root; prints "N passed, N failed" last.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'WenQuanYi Micro Hei' || need+=(fonts-wqy-microhei)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${need[*]} ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${need[*]} (install them with apt-get, then run again)." >&2
  fi
fi

dotnet tool restore >/dev/null

log=$(mktemp)
# -m:4 runs the four test projects at once: MSBuild's default is one per core, so on two cores the Web tests (the longest) waited
# for the Host tests to finish before they began.
dotnet test ApprovalFlow.sln --nologo -m:4 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=0; failed=0
while read -r f p; do
  passed=$((passed + p)); failed=$((failed + f))
done < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+).*/\1 \2/')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# The API contract: openapi/v1.json (a Web test fails when the served document differs) passes Spectral's OpenAPI rules
# (.spectral.yaml) with no error, warning, info or hint; one test more, passed or failed.
echo "Spectral: openapi/v1.json"
spectral_ready() { [ scripts/spectral/node_modules/.package-lock.json -nt scripts/spectral/package-lock.json ]; }
if { spectral_ready || npm ci --prefix scripts/spectral --silent --no-audit --no-fund >/dev/null; } \
   && scripts/spectral/node_modules/.bin/spectral lint openapi/v1.json --ruleset .spectral.yaml --fail-severity=hint; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); status=1
fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
