#!/bin/sh
# Fetches the pinned libtdjson from npm for the build (see ../README.md). Run by exec-maven-plugin.
# Usage: fetch-tdlib.sh <npm package@version> <sha512 integrity> <work dir> <resource output dir>
set -e
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "" >&2
  echo "bridge-telegram needs Node.js and npm at build time: the build fetches TDLib (libtdjson) from the npm" >&2
  echo "package $1 with 'npm pack'. Install Node.js 18 or newer with npm (https://nodejs.org, or your" >&2
  echo "distribution's nodejs and npm packages), make sure 'npm' and 'node' are on the PATH, and build again." >&2
  echo "" >&2
  exit 1
fi
exec node "$(dirname "$0")/fetch-tdlib.mjs" "$@"
