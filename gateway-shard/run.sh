#!/bin/sh
# Runs the bundled shard (build it first: `node gateway-shard/build.mjs`; `npm run shard` does
# both) with the memory settings of gateway-shard/README.md ("Memory"). `exec` hands the
# process over to node, so signals (SIGTERM: resumable close + flush) reach it directly.
# The Dockerfile and the systemd unit start the shard through this file.
cd "$(dirname "$0")/.." || exit 1
# Two malloc arenas instead of one per thread: fewer half-empty arenas in RSS.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# Young generation of 1 MB, old generation capped at 64 MB (the shard holds no caches; the
# cap makes V8 collect instead of growing), one V8 helper thread, and no JIT: the shard's
# JavaScript is glue around JSON.parse and SQLite, which the interpreter runs fast enough
# (no JIT means no WebAssembly; --no-expose-wasm says so, which silences V8's warning).
exec node --max-semi-space-size=1 --max-old-space-size=64 --v8-pool-size=1 --jitless --no-expose-wasm ${SHARD_NODE_OPTIONS:-} gateway-shard/dist/shard.mjs
