#!/usr/bin/env bash
# install.sh DIR: installs the pinned OpenAI SDK (package-lock.json) into DIR/node_modules, once
# per lockfile: a later run with the same lockfile does nothing.
set -euo pipefail
dir=$1
cd "$dir"
stamp=node_modules/.installed-from-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
