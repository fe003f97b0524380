#!/usr/bin/env bash
# The whole test suite, from a clean clone: installs what it needs, type-checks, lints, runs the
# unit + integration tests (vitest, real PostgreSQL when reachable), builds the app and runs the
# Playwright suite in Debian's Chromium. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p .reports
step() { printf '\n==> %s\n' "$*"; }

step "packages"
if [ ! -x node_modules/.bin/next ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # The lock lists every platform's optional builds, so npm ci installs it unchanged.
  npm ci --no-audit --no-fund --loglevel=error || exit 1
fi

step "chromium"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/malipo-apt.log 2>&1 \
      || { echo "could not install chromium (see /tmp/malipo-apt.log)"; exit 1; }
  else
    echo "/usr/bin/chromium is missing and we are not root: install Debian's chromium package"; exit 1
  fi
fi

step "postgresql"
if ! node -e "require('net').connect(5432,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
fi
if node -e "require('net').connect(5432,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; then
  echo "PostgreSQL on 127.0.0.1:5432: integration and e2e tests use it"
else
  echo "no PostgreSQL on 127.0.0.1:5432: tests fall back to embedded PGlite"
fi

failed_steps=0
step "typecheck"
npx next typegen >/dev/null && npx tsc --noEmit || failed_steps=$((failed_steps + 1))
step "lint"
npx eslint . || failed_steps=$((failed_steps + 1))

step "unit + integration tests (vitest)"
rm -f .reports/vitest.json .reports/playwright.json
npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json

step "build"
if npx next build; then
  step "end-to-end tests (Playwright, Chromium)"
  npx playwright test
else
  failed_steps=$((failed_steps + 1))
fi

node scripts/test-summary.mjs "$failed_steps"
