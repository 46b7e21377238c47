#!/usr/bin/env bash
# Checks the .deb `make deb` built: its metadata and files, the settings file's
# mode and the postinst, the systemd unit's user and hardening, then unpacks it
# into a throwaway root (dpkg -x) and runs the unpacked binary against a
# temporary database.
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
# The settings may hold a PostgreSQL password: root reads them (systemd does, as root), nobody else.
grep -Eq '^-rw-r----- (root/root|0/0) .* \./etc/default/crossroads$' <<<"$contents" \
  || fail "/etc/default/crossroads is not installed 0640 root:root: $(grep ' ./etc/default/crossroads$' <<<"$contents")"
# The postinst sets that mode on a file kept from an older package too, and still enables and starts the unit.
postinst=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./postinst) || fail "no postinst"
sh -n <<<"$postinst" || fail "the postinst is not valid sh"
for line in 'chmod 0640 /etc/default/crossroads' 'chown root:root /etc/default/crossroads' \
            'deb-systemd-helper enable crossroads.service' '_dh_action=start' 'deb-systemd-invoke $_dh_action crossroads.service'; do
  grep -qF "$line" <<<"$postinst" || fail "the postinst lacks: $line"
done
! grep -q '#DEBHELPER#' <<<"$postinst" || fail "the postinst still holds the #DEBHELPER# token"
! grep -Eq 'addgroup|groupadd|adduser|useradd' <<<"$postinst" || fail "the postinst makes a static user or group: DynamicUser= would refuse to start"

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
echo "deb: $(basename "$deb"): metadata, files, modes, postinst, unit, settings and the unpacked binary: ok"
