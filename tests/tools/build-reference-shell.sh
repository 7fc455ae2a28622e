#!/usr/bin/env bash
# Builds the reference sqlite3 shell the differential tests compare against: the shell of Debian's
# sqlite3 source package (the same shell as /usr/bin/sqlite3, generated from shell.c.in with
# tool/mkshellc.tcl) compiled against the SQLite amalgamation that rusqlite bundles into talkcli,
# with the same compile options. Where talkcli and Debian's sqlite3 differ, this shell tells whether
# the difference is the shell's (talkcli differs from it too) or the library's (it agrees with talkcli).
#
# Usage: tests/tools/build-reference-shell.sh [OUT]   (default OUT: target/reference-shell/sqlite3)
# Needs: apt-get (with network access to Debian's archive), dpkg-source, tclsh, cc. Nothing outside
# a scratch directory is changed: apt runs with its own source list and state directory.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${1:-target/reference-shell/sqlite3}
debian_version=${SQLITE_DEBIAN_VERSION:-3.40.1-2+deb12u2}
sys_version=$(awk '/^name = "libsqlite3-sys"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
[ -n "$sys_version" ] || { echo "cannot find libsqlite3-sys in Cargo.lock" >&2; exit 1; }
sys_dir=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"libsqlite3-sys-$sys_version" 2>/dev/null | head -1)
if [ -z "$sys_dir" ]; then
    # Not unpacked yet (no build has run): fetch the crate and unpack it here.
    cargo fetch --locked >/dev/null
    crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"libsqlite3-sys-$sys_version.crate" | head -1)
    mkdir -p target/reference-shell/src
    tar -xzf "$crate" -C target/reference-shell/src
    sys_dir=target/reference-shell/src/libsqlite3-sys-$sys_version
fi
amalgamation=$sys_dir/sqlite3/sqlite3.c
[ -f "$amalgamation" ] || { echo "cannot find the bundled amalgamation ($amalgamation)" >&2; exit 1; }

for tool in apt-get dpkg-source tclsh cc; do
    command -v "$tool" >/dev/null || { echo "build-reference-shell: $tool is needed" >&2; exit 1; }
done

work=$(mktemp -d /tmp/reference-shell.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/apt/lists/partial" "$work/src"
# Debian's own archive, as deb-src, without touching the system's apt configuration.
. /etc/os-release
cat >"$work/apt/sources.list" <<LIST
deb-src http://deb.debian.org/debian ${VERSION_CODENAME:-bookworm} main
deb-src http://deb.debian.org/debian-security ${VERSION_CODENAME:-bookworm}-security main
LIST
apt_opts=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/apt/lists" -o APT::Sandbox::User=root -qq)
apt-get "${apt_opts[@]}" update >/dev/null
(cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only "sqlite3=$debian_version" >/dev/null)
dpkg-source -x "$work/src"/sqlite3_*.dsc "$work/sqlite" >/dev/null
(cd "$work/sqlite" && tclsh tool/mkshellc.tcl >"$work/shell.c")

# The flags libsqlite3-sys compiles its bundled amalgamation with (its build.rs, bundled branch).
mapfile -t flags < <(sed -n '/cfg.file(&source)/,/.warnings(false)/s/.*\.flag("\(-D[^"]*\)").*/\1/p' "$sys_dir/build.rs")
[ "${#flags[@]}" -gt 5 ] || { echo "cannot read the compile options from $sys_dir/build.rs" >&2; exit 1; }
flags+=(-DHAVE_LOCALTIME_R)
# And those .cargo/config.toml adds through LIBSQLITE3_FLAGS (SQLite's math functions).
mapfile -t -O "${#flags[@]}" flags < <(grep -o -- '-DSQLITE_[A-Z_]*' .cargo/config.toml)

mkdir -p "$(dirname "$out")"
cc -O1 -w "${flags[@]}" -I"$sys_dir/sqlite3" "$work/shell.c" "$amalgamation" -lpthread -ldl -lm -o "$out.tmp"
mv "$out.tmp" "$out"
"$out" -version
echo "reference shell: $out (shell $debian_version, library from libsqlite3-sys $sys_version)"
