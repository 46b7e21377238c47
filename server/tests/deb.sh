#!/usr/bin/env bash
# Checks the .deb `make deb` built: its metadata and files, the systemd unit's
# user and hardening, then unpacks it into a throwaway root (dpkg -x) and runs
# the unpacked binary against a temporary database.
set -euo pipefail
deb=$(ls -t "${CARGO_TARGET_DIR:-target}"/debian/crossroads_*.deb | head -n 1)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fail() { echo "deb: $*" >&2; exit 1; }

info=$(dpkg-deb --info "$deb")
grep -q '^ Package: crossroads$' <<<"$info" || fail "no Package: crossroads in $deb"
grep -q '^ Architecture: ' <<<"$info" || fail "no architecture"
contents=$(dpkg-deb --contents "$deb")
for path in ./usr/bin/crossroads ./etc/default/crossroads ./usr/share/doc/crossroads/README.md; do
  grep -q " $path\$" <<<"$contents" || fail "$path is not in the package"
done
grep -Eq ' \./(usr/)?lib/systemd/system/crossroads\.service$' <<<"$contents" || fail "no systemd unit in the package"
grep -q '/etc/default/crossroads' <(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles) || fail "/etc/default/crossroads is not a conffile"

dpkg -x "$deb" "$root"
unit=""
for candidate in "$root"/lib/systemd/system/crossroads.service "$root"/usr/lib/systemd/system/crossroads.service; do
  [ -f "$candidate" ] && unit=$candidate
done
[ -n "$unit" ] || fail "no unit file unpacked"
for line in 'User=crossroads' 'DynamicUser=yes' 'StateDirectory=crossroads' 'ProtectSystem=strict' 'NoNewPrivileges=yes' \
            'PrivateTmp=yes' 'EnvironmentFile=-/etc/default/crossroads' 'ExecStart=/usr/bin/crossroads'; do
  grep -qx "$line" "$unit" || fail "the unit lacks $line"
done
# Every setting is listed in /etc/default/crossroads.
for setting in $("$root/usr/bin/crossroads" --help | grep -o 'env: [A-Z_]*' | cut -d' ' -f2 | sort -u); do
  grep -q "^#\?$setting=" "$root/etc/default/crossroads" || fail "/etc/default/crossroads does not list $setting"
done
BIN="$root/usr/bin/crossroads" python3 "$(dirname "$0")/single_binary.py"
echo "deb: $(basename "$deb"): metadata, files, unit, settings and the unpacked binary: ok"
