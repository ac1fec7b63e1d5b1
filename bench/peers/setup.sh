#!/bin/sh
# `npm run bench:peers-setup`: installs the peer gateways that `npm run bench` compares mdmgraph with
# (docs/BENCHMARKS.md, "Peers"). Everything it makes stays in this folder and is gitignored (.gitignore here):
#   node_modules/        npm ci of this folder's package.json (Tailcall's binary, Hive Gateway, the Mesh composer),
#                        kept apart from the root install so that the root `npm ci` is not slowed
#   glibc/root/          Debian 13's loader and libc, unpacked (not installed) for Tailcall's binary
#   mesh/supergraph.graphql   the Mesh composition of docs/simulator-openapi.json
# Run it again at any time; each step is skipped when its result is already there (FORCE=1 redoes them).
set -e
cd "$(dirname "$0")"
HERE=$PWD

if [ -n "$FORCE" ] || [ ! -d node_modules/@tailcallhq/core-linux-x64-gnu ] || [ ! -d node_modules/@graphql-hive/gateway ]; then
  echo "peers: npm ci in bench/peers"
  npm ci --no-audit --no-fund
fi

# Tailcall 1.6.14's linux-x64-gnu binary needs GLIBC_2.38 (__isoc23_strtol) and GLIBC_2.39 (pidfd_spawnp,
# pidfd_getpid). When the system's glibc is older (Debian 12 ships 2.36), Debian 13's libc6 and libgcc-s1 are
# downloaded with apt's ordinary client, through a private sources list and state directory (nothing on the
# system changes), and unpacked into glibc/root; bench/peer-gateways.ts then starts the binary through that loader.
TAILCALL=node_modules/@tailcallhq/core-linux-x64-gnu/bin/tailcall
if "$TAILCALL" --version >/dev/null 2>&1; then
  echo "peers: the system's glibc runs Tailcall as it is"
elif [ -n "$FORCE" ] || [ ! -x glibc/root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 ]; then
  echo "peers: fetching Debian 13's glibc for Tailcall into bench/peers/glibc"
  rm -rf glibc
  mkdir -p glibc/lists/partial glibc/cache/archives/partial glibc/root
  cd glibc
  # The machine's own Debian mirror (the first URIs line of its apt sources), asked for the next release's packages.
  mirror=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n 1)
  [ -n "$mirror" ] || mirror=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n 1)
  [ -n "$mirror" ] || { echo "peers: no Debian mirror in the apt sources" >&2; exit 1; }
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > sources.list
  A="-o Dir::Etc::SourceList=$PWD/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$PWD/lists -o Dir::Cache=$PWD/cache -o Dir::State::status=/dev/null"
  # shellcheck disable=SC2086
  apt-get $A update
  # shellcheck disable=SC2086
  apt-get $A download libc6 libgcc-s1
  for deb in libc6_*.deb libgcc-s1_*.deb; do dpkg-deb -x "$deb" root; done
  rm -rf lists cache ./*.deb
  cd "$HERE"
fi
if ! "$TAILCALL" --version >/dev/null 2>&1; then
  LIB=$HERE/glibc/root/usr/lib/x86_64-linux-gnu
  "$LIB/ld-linux-x86-64.so.2" --library-path "$LIB" "$TAILCALL" --version
fi

if [ -n "$FORCE" ] || [ ! -s mesh/supergraph.graphql ]; then
  echo "peers: composing mesh/supergraph.graphql from docs/simulator-openapi.json"
  (cd mesh && ../node_modules/.bin/mesh-compose -o supergraph.graphql)
fi
echo "peers: ready (npm run bench -- --peers-only)"
