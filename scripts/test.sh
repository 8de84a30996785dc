#!/usr/bin/env bash
# `npm test`: type-check, lint, Vitest, build, Playwright. Ends with one line
# `Tests: N passed, M failed` and exits non-zero if any step failed.
#
# With DATABASE_URL set, everything runs in throwaway databases created on that server and dropped
# on exit; the database DATABASE_URL names is never changed.
set -uo pipefail

cd "$(dirname "$0")/.."

work="$(mktemp -d "${TMPDIR:-/tmp}/daily-papers-test.XXXXXX")"
admin_url="${DATABASE_URL:-}"
vitest_url=""
e2e_url=""
e2e_data_dir=""
failed_steps=()
child=""

section() { printf '\n==> %s\n' "$*"; }

cleanup() {
  local url
  for url in "$vitest_url" "$e2e_url"; do
    if [[ -n "$url" ]]; then
      DATABASE_URL="$admin_url" npx --no-install tsx scripts/test-db.ts drop "$url" >/dev/null 2>"$work/drop.log" ||
        { echo "warning: could not drop test database $url:" >&2; cat "$work/drop.log" >&2; }
    fi
  done
  vitest_url=""
  e2e_url=""
  [[ -n "$e2e_data_dir" ]] && rm -rf "$e2e_data_dir"
  e2e_data_dir=""
  rm -rf "$work"
}
# Each step runs in its own process group, so an interrupt reaches all of its processes (npx, Next,
# the browser) even when one of them handles the signal and exits 0, which would otherwise make
# bash carry on with the next step.
run() {
  set -m
  "$@" &
  child=$!
  set +m
  wait "$child"
  local rc=$?
  child=""
  return $rc
}
interrupted() {
  trap - INT TERM
  if [[ -n "$child" ]]; then
    # SIGINT, whatever we got: Playwright stops its web server on SIGINT but not on SIGTERM.
    kill -INT -- -"$child" 2>/dev/null
    local waited=0
    while kill -0 "$child" 2>/dev/null && ((waited < 20)); do
      sleep 1
      waited=$((waited + 1))
    done
    kill -KILL -- -"$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  exit "$1"
}
trap cleanup EXIT
trap 'interrupted 130' INT
trap 'interrupted 143' TERM

# Runs one step, timing it and remembering it if it failed.
step() {
  local name="$1"
  shift
  section "$name"
  local start=$SECONDS
  run "$@"
  local rc=$?
  if ((rc == 0)); then
    echo "--- $name: ok ($((SECONDS - start))s)"
  else
    echo "--- $name: FAILED, exit $rc ($((SECONDS - start))s)"
    failed_steps+=("$name")
  fi
  return $rc
}

if [[ ! -x node_modules/.bin/next ]]; then
  section "npm install (no node_modules yet)"
  npm install --no-audit --no-fund || exit 1
fi

# --- browser -------------------------------------------------------------------------------------
if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  if [[ ! -x "$CHROMIUM_PATH" ]]; then
    echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2
    exit 1
  fi
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
elif [[ -x /usr/bin/chromium ]]; then
  export CHROMIUM_PATH=/usr/bin/chromium PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
else
  CHROMIUM_PATH="$(node -e 'console.log(require("@playwright/test").chromium.executablePath())')" || exit 1
  if [[ ! -x "$CHROMIUM_PATH" ]]; then
    section "Playwright's Chromium (no system Chromium found)"
    npx --no-install playwright install chromium || exit 1
  fi
  export CHROMIUM_PATH
fi
echo "browser: $CHROMIUM_PATH"

# --- throwaway databases -------------------------------------------------------------------------
if [[ -n "$admin_url" ]]; then
  section "throwaway databases on the DATABASE_URL server"
  vitest_url="$(npx --no-install tsx scripts/test-db.ts create vitest)" || {
    echo "could not create a test database; the DATABASE_URL role needs CREATEDB" >&2
    exit 1
  }
  e2e_url="$(npx --no-install tsx scripts/test-db.ts create e2e)" || exit 1
  # Shown without the user's database name or password.
  echo "vitest: ${vitest_url##*/}   e2e: ${e2e_url##*/}"
else
  e2e_data_dir="$(mktemp -d "${TMPDIR:-/tmp}/daily-papers-e2e.XXXXXX")"
  echo "embedded engine (PGlite); e2e data dir $e2e_data_dir"
fi

# --- steps ---------------------------------------------------------------------------------------
step typecheck npm run --silent typecheck
step lint npm run --silent lint

vitest_json="$work/vitest.json"
if [[ -n "$admin_url" ]]; then
  step vitest env DATABASE_URL="$vitest_url" npx --no-install vitest run \
    --reporter=default --reporter=json --outputFile.json="$vitest_json"
else
  step vitest npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$vitest_json"
fi

playwright_json="$work/playwright.json"
if step build npm run --silent build; then
  # Two distinct free ports: the app's and the mail sink's.
  read -r port_a port_b < <(node -e '
    const net = require("node:net");
    const [a, b] = [net.createServer(), net.createServer()];
    a.listen(0, "127.0.0.1", () => b.listen(0, "127.0.0.1", () => {
      console.log(a.address().port, b.address().port);
      a.close();
      b.close();
    }));')
  export E2E_PORT="${E2E_PORT:-$port_a}"
  export E2E_SMTP_PORT="${E2E_SMTP_PORT:-$port_b}"
  export E2E_MAIL_DIR="$work/mail"
  mkdir -p "$E2E_MAIL_DIR"
  if [[ -n "$admin_url" ]]; then
    step playwright env DATABASE_URL="$e2e_url" PLAYWRIGHT_JSON_OUTPUT_NAME="$playwright_json" \
      npx --no-install playwright test --reporter=list,json
  else
    step playwright env -u DATABASE_URL E2E_DATA_DIR="$e2e_data_dir" \
      PLAYWRIGHT_JSON_OUTPUT_NAME="$playwright_json" npx --no-install playwright test --reporter=list,json
  fi
else
  echo "--- playwright: not run, the build failed"
  failed_steps+=("playwright (not run)")
fi

# --- summary -------------------------------------------------------------------------------------
counts="$(node - "$vitest_json" "$playwright_json" <<'EOF'
const fs = require("node:fs");
const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
};
const v = read(process.argv[2]);
const p = read(process.argv[3]);
let passed = 0;
let failed = 0;
let skipped = 0;
if (v) {
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (p) {
  passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
  failed += p.stats?.unexpected ?? 0;
  skipped += p.stats?.skipped ?? 0;
}
console.log(passed, failed, skipped);
EOF
)"
read -r passed failed skipped <<<"${counts:-0 0 0}"

cleanup
trap - EXIT

section "summary"
if ((${#failed_steps[@]} > 0)); then
  echo "failed steps: ${failed_steps[*]}"
fi
if ((skipped > 0)); then
  echo "skipped tests: $skipped"
fi
echo "Tests: $passed passed, $failed failed"
((${#failed_steps[@]} == 0 && failed == 0))
