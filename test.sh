#!/usr/bin/env bash
# Runs Hyperfleet's whole test suite: installs what the tests need (Debian packages, NuGet packages),
# starts PostgreSQL, and runs every test project. Run as root on Debian 12 with the .NET 10 SDK.
#   ./test.sh                 everything
#   ./test.sh --filter EXPR   passed on to 'dotnet test --filter'
set -euo pipefail
cd "$(dirname "$0")"

if [[ $EUID -ne 0 ]]; then
  echo "test.sh: run as root (the testbed makes network namespaces and runs libvirtd)" >&2
  exit 2
fi

bash tools/testbed/install-deps
bash tools/ci/start-postgres
export HYPERFLEET_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=hyperfleet_test;Password=hyperfleet_test;Database=postgres"

dotnet restore Hyperfleet.slnx
dotnet build Hyperfleet.slnx --no-restore -c Debug

log=$(mktemp)
status=0
dotnet test Hyperfleet.slnx --no-build -c Debug "$@" 2>&1 | tee "$log" || status=$?

# One closing line for humans and CI: "N passed, N failed".
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ $status -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then
  exit 1
fi
