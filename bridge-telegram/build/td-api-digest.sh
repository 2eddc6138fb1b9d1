#!/bin/sh
# Writes the digest of td_api.tl that TdSchemaTest checks the records against: the schema lines of the constructors
# and functions the bridge uses, verbatim, nothing else.
# Usage: td-api-digest.sh <td checkout> <commit> <names file> > src/test/resources/td_api-digest.tl
#   names file: one constructor name per line; TdSchemaTest writes it to target/td-api-names.txt
#   (e.g. git -C td show <commit>:td/generate/scheme/td_api.tl, after the fetch of tdlib/td)
set -e
td="$1"; commit="$2"; names="$3"
full=$(git -C "$td" rev-parse "$commit")
echo "// Digest of td/generate/scheme/td_api.tl of tdlib/td at commit $full"
echo "// (TDLib $(git -C "$td" show "$full":CMakeLists.txt | sed -n 's/^project(TDLib VERSION \([0-9.]*\).*/\1/p')), the one the bundled libtdjson is built from."
echo "// Only the lines of the constructors and functions the bridge uses; regenerate with build/td-api-digest.sh."
git -C "$td" show "$full":td/generate/scheme/td_api.tl | awk -v names="$names" '
  BEGIN { while ((getline n < names) > 0) wanted[n] = 1 }
  /^---functions---/ { print; next }
  /^[a-zA-Z]/ { split($0, w, " "); if (w[1] in wanted) print }
'
