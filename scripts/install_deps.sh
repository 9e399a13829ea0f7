#!/usr/bin/env bash
# Installs what Sen needs to build, test and run on Debian 12, from Debian's own packages.
# Idempotent: packages already present are left alone.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git clang-format clang libclang-rt-14-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libexpected-dev libfmt-dev libspdlog-dev libcli11-dev libtomlplusplus-dev
  libsodium-dev libssl-dev libicu-dev libgtest-dev libgmock-dev libbenchmark-dev
  libcairo2-dev libpango1.0-dev libqrencode-dev libxlsxwriter-dev libminizip-dev libexpat1-dev poppler-utils libnss3-tools python3-aiosmtpd
  postgresql postgresql-client sqlite3 chromium nginx-light wrk curl ca-certificates
)
# Node.js: keep a newer one if the machine has it; otherwise Debian's.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
