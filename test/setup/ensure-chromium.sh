#!/usr/bin/env bash
# Installs Debian's Chromium for the playground's browser test when it is missing. Idempotent and quiet when present.
# Needs root (CI and these machines run as root); elsewhere it says what to install.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-chromium: Chromium is missing; install Debian's 'chromium' package (sudo apt-get install chromium)" >&2
  exit 0
fi
echo "ensure-chromium: installing Debian's chromium for the browser test…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "ensure-chromium: $(chromium --version)"
