#!/usr/bin/env bash
# Check the .deb that build/package.sh made (build-out/packages/), as root:
#   1. its layout with dpkg-deb: everything under /opt/apps/cn.ducha.client/ (UOS's store rules),
#      no maintainer scripts, the info file's JSON, the .desktop file (desktop-file-validate);
#   2. a real install into a minimal Debian bookworm made by debootstrap: `apt-get install` of the
#      .deb alone (so its Depends must be right), every library of the installed bundle resolving,
#      then from the installed path: `ducha --version`, `ducha demo`, a notice and the month's
#      bulletin exported to PDF (offscreen); then `apt-get remove` leaves nothing in /opt/apps.
# The debootstrapped system is kept as a tarball in $DUCHA_CI_CACHE (default ~/.cache/ducha-ci,
# remade after 30 days) with the .debs apt fetched, so later runs skip the download; a fresh
# machine makes it (debootstrap from the mirror this machine's apt uses).
set -euo pipefail
cd "$(dirname "$0")/.."

APPID=cn.ducha.client
SUITE=bookworm
CACHE=${DUCHA_CI_CACHE:-${HOME:-/root}/.cache/ducha-ci}
WORK=build-out/deb-check

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[[ $(id -u) -eq 0 ]] || fail "run as root (debootstrap, chroot and mount need it)"
arch=$(dpkg --print-architecture)
debs=(build-out/packages/"${APPID}"_*_"$arch".deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || fail "no single ${APPID}_*_$arch.deb in build-out/packages: run build/package.sh"
deb=${debs[0]}
started=$SECONDS

missing=()
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v desktop-file-validate >/dev/null || missing+=(desktop-file-utils)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== deb: $deb ($(du -h "$deb" | cut -f1))"
field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == "$APPID" ]] || fail "Package is '$(field Package)', not $APPID"
[[ $(field Architecture) == "$arch" ]] || fail "Architecture is '$(field Architecture)'"
version=$(field Version)
scripts=$(dpkg-deb --ctrl-tarfile "$deb" | tar -t | sed 's,^\./,,' | grep -vxE '|control|md5sums' || true)
[[ -z $scripts ]] || fail "the package has maintainer scripts or other control files: $scripts"
outside=$(dpkg-deb --contents "$deb" | awk '{print $6}' |
  grep -vE "^\./(opt/(apps/($APPID/.*)?)?)?$" || true)
[[ -z $outside ]] || fail "files outside /opt/apps/$APPID (UOS forbids them):"$'\n'"$outside"

tmp=$(mktemp -d)
root=""
cleanup() {
  if [[ -n $root ]]; then
    for m in "$root/var/cache/apt/archives" "$root/dev/pts" "$root/dev" "$root/proc"; do
      mountpoint -q "$m" 2>/dev/null && { umount "$m" 2>/dev/null || umount -l "$m"; }
    done
    # Only when nothing is mounted inside any more (else rm would reach the host's /dev).
    local mounts
    mounts=$(findmnt -rno TARGET)
    if ! grep -q "^$(realpath "$root")/" <<<"$mounts"; then
      rm -rf --one-file-system "$root"
    else
      echo "WARNING: something is still mounted under $root; left in place" >&2
    fi
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

dpkg-deb --extract "$deb" "$tmp/x"
app=$tmp/x/opt/apps/$APPID
for f in info files/ducha entries/applications/$APPID.desktop \
  entries/icons/hicolor/scalable/apps/$APPID.svg entries/icons/hicolor/48x48/apps/$APPID.png \
  entries/icons/hicolor/256x256/apps/$APPID.png; do
  [[ -f $app/$f ]] || fail "missing from the package: /opt/apps/$APPID/$f"
done
[[ -x $app/files/ducha ]] || fail "/opt/apps/$APPID/files/ducha is not executable"
python3 - "$app/info" "$APPID" "$arch" "$version" <<'EOF' || fail "the info file is not what UOS expects"
import json, re, sys
path, appid, arch, version = sys.argv[1:]
info = json.load(open(path, encoding="utf-8"))
problems = []
if info.get("appid") != appid:
    problems.append(f"appid {info.get('appid')!r}")
if not info.get("name"):
    problems.append("no name")
if not re.fullmatch(r"\d+\.\d+\.\d+\.\d+", str(info.get("version"))):
    problems.append(f"version {info.get('version')!r} is not MAJOR.MINOR.PATCH.BUILD")
elif not info["version"].startswith(re.match(r"[\d.]*\d", version).group(0)):
    problems.append(f"version {info['version']} is not the package's {version}")
if arch not in info.get("arch", []):
    problems.append(f"arch {info.get('arch')!r} lacks {arch}")
perms = info.get("permissions")
if not isinstance(perms, dict) or not all(isinstance(v, bool) for v in perms.values()):
    problems.append("permissions is not an object of true/false")
for problem in problems:
    print(f"info: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
desktop=$app/entries/applications/$APPID.desktop
desktop-file-validate "$desktop" || fail "the .desktop file does not validate"
exec_path=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
[[ $exec_path == "/opt/apps/$APPID/files/ducha" ]] || fail "the .desktop file runs '$exec_path'"
echo "layout, control files, info and .desktop checked ($((SECONDS - started)) s)"

# --- a minimal Debian --------------------------------------------------------------------------
# The Debian mirror this machine's apt uses (deb.debian.org when it uses none for $SUITE).
# shellcheck disable=SC2016  # apt's own $(FIELD) placeholders, not the shell's
mirror=$(apt-get indextargets --format '$(REPO_URI) $(CODENAME) $(COMPONENT)' 'Identifier: Packages' 2>/dev/null |
  awk -v s="$SUITE" '$2 == s && $3 == "main" {print $1; exit}')
mirror=${mirror:-http://deb.debian.org/debian/}
base=$CACHE/debian-$SUITE-minbase-$arch.tar
mkdir -p "$CACHE/apt-archives/partial" "$WORK"
if [[ -f $base ]] && [[ -n $(find "$base" -mtime -30) ]]; then
  echo "== chroot: Debian $SUITE from the cache ($base)"
else
  echo "== chroot: debootstrap --variant=minbase $SUITE from $mirror (once; cached in $CACHE)"
  t=$SECONDS
  fresh=$(mktemp -d "$WORK/debootstrap.XXXXXX")
  root=$fresh
  debootstrap --variant=minbase --arch="$arch" "$SUITE" "$fresh" "$mirror" >"$WORK/debootstrap.log" 2>&1 ||
    { tail -n 20 "$WORK/debootstrap.log" >&2; fail "debootstrap failed (log: $WORK/debootstrap.log)"; }
  rm -rf "$fresh"/var/cache/apt/archives/*.deb
  tar -C "$fresh" -cf "$base.part" . && mv "$base.part" "$base"
  rm -rf --one-file-system "$fresh"
  root=""
  echo "debootstrap took $((SECONDS - t)) s"
fi
root=$(mktemp -d "$WORK/root.XXXXXX")
tar -C "$root" -xf "$base"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind "$CACHE/apt-archives" "$root/var/cache/apt/archives"
cp "$deb" "$root/tmp/ducha.deb"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive QT_QPA_PLATFORM=offscreen "$@"; }

echo "== chroot: apt-get install ./$(basename "$deb") (its Depends only, no Recommends)"
t=$SECONDS
# With the cached system's package lists first (no download when the cache holds the .debs);
# when the mirror has moved on since, with fresh lists.
if ! in_root apt-get install -y -q --no-install-recommends /tmp/ducha.deb >"$WORK/apt.log" 2>&1; then
  echo "(the cached package lists are stale: apt-get update)"
  in_root apt-get update -qq >>"$WORK/apt.log" 2>&1 || { tail -n 30 "$WORK/apt.log" >&2; fail "apt-get update failed"; }
  in_root apt-get install -y -q --no-install-recommends /tmp/ducha.deb >>"$WORK/apt.log" 2>&1 ||
    { tail -n 30 "$WORK/apt.log" >&2; fail "apt-get install of the .deb failed"; }
fi
grep -E '^(Need to get|After this operation)' "$WORK/apt.log" || true
echo "installed in $((SECONDS - t)) s"

installed=/opt/apps/$APPID/files
echo "== chroot: every library of the bundle resolves"
# As the bundle runs: its own _internal/ first (PyInstaller's launcher sets LD_LIBRARY_PATH). What
# is still not found must be shipped in the bundle under another path (Python's extension
# modules find libpython through the launcher) or be an optional plugin's (GTK theme, Wayland).
unresolved=$(in_root /bin/sh -c "cd $installed && find . -type f \( -name '*.so*' -o -name ducha \) \
  -exec env LD_LIBRARY_PATH=$installed/_internal ldd {} + 2>&1" |
  awk '/^\.\// {file=$1} / => not found/ {print $1, file}' | sort -u)
bad=""
while read -r lib file; do
  [[ -z $lib ]] && continue
  [[ -n $(find "$root$installed" -name "$lib" -print -quit) ]] && continue
  case $file in
    */platformthemes/libqgtk3.so:) continue ;;  # Suggests: libgtk-3-0
    *wayland* | *Wayland* | */libQt6WlShellIntegration.so.6:) [[ $lib == libwayland-* ]] && continue ;;  # Recommends
  esac
  bad+="$lib (needed by ${file%:})"$'\n'
done <<<"$unresolved"
[[ -z $bad ]] || fail "libraries the installed bundle needs but no Depends installs:"$'\n'"$bad"
echo "all resolve (the GTK theme and Wayland plugins' libraries come with Suggests/Recommends)"

echo "== chroot: ducha --version, demo, exports from $installed"
got=$(in_root "$installed/ducha" --version) || fail "ducha --version exited $?"
[[ $got == "ducha ${version%%[~+]*}"* ]] || fail "ducha --version printed '$got' for package $version"
echo "$got"
in_root "$installed/ducha" demo --data-dir /tmp/d --today 2026-11-20 >"$WORK/demo.log" 2>&1 ||
  { tail -n 30 "$WORK/demo.log" >&2; fail "ducha demo exited $?"; }
number=$(python3 -c 'import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "SELECT number FROM notice ORDER BY issued_at, number LIMIT 1").fetchone()
print(row[0] if row else "")' "$root/tmp/d/ducha.sqlite3") || fail "cannot read the demo store"
[[ -n $number ]] || fail "the demo store has no notice"
in_root "$installed/ducha" export notice "$number" --data-dir /tmp/d --out /tmp/n.pdf ||
  fail "ducha export notice exited $?"
# Text to a file, then grep (grep -q in a pipe would stop pdftotext with SIGPIPE: pipefail).
pdftotext "$root/tmp/n.pdf" "$WORK/n.txt" || fail "pdftotext cannot read the notice's PDF"
grep -qF "$number" "$WORK/n.txt" || fail "the notice's PDF lacks $number"
in_root "$installed/ducha" export bulletin --month 2026-11 --data-dir /tmp/d --out /tmp/b.pdf ||
  fail "ducha export bulletin exited $?"
pdftotext "$root/tmp/b.pdf" "$WORK/b.txt" || fail "pdftotext cannot read the bulletin's PDF"
grep -qF "2026年11月城市精细化管理督查通报" "$WORK/b.txt" || fail "the bulletin lacks its title"
echo "demo store made; notice $number and the 2026-11 bulletin exported and read back"

echo "== chroot: apt-get remove"
in_root apt-get remove -y -q "$APPID" >>"$WORK/apt.log" 2>&1 || fail "apt-get remove failed"
[[ ! -e $root/opt/apps/$APPID ]] || fail "left after removal: $(find "$root/opt/apps/$APPID" | head)"
echo "nothing left under /opt/apps/$APPID"
echo "== deb: checked in $((SECONDS - started)) s"
