#!/bin/sh
# The demo's build: a few lines of output, a second of work, and one artifact in out/.
set -eu

echo "Building hello on $(uname -s) $(uname -m)"
echo "Build ${HANGAR_BUILD_NUMBER:-?}, attempt ${HANGAR_ATTEMPT:-?}, commit ${HANGAR_COMMIT_SHA:-unknown}"
echo "Compiling ..."
sleep 1
mkdir -p out
echo "Hello from Hangar build ${HANGAR_BUILD_NUMBER:-?}" >out/hello.txt
echo "Wrote out/hello.txt: $(cat out/hello.txt)"
