#!/usr/bin/env bash
# Package the desktop bundle that build/build.sh made (build-out/dist/ducha/; never rebuilt here)
# for Linux, into build-out/packages/:
#   cn.ducha.client_<version>_<arch>.deb   laid out as UOS's (统信) app store asks: everything under
#                                          /opt/apps/cn.ducha.client/ (entries/, files/, info), no
#                                          maintainer scripts; installs on Debian and Kylin too
#   ducha-<version>-linux-<arch>.tar.gz    the same folder, for other distributions
# Reproducible: every time stamp is SOURCE_DATE_EPOCH (default: the last commit's time), owners
# root, modes normalised, dpkg-deb and tar write entries sorted. `./dev package` runs build.sh,
# then this; CI runs this after build.sh, then build/check_deb.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

APPID=cn.ducha.client
BUNDLE=build-out/dist/ducha
OUT=build-out/packages
STAGE=build-out/package-root
ICON=resources/icons/ducha.svg
# What the bundle loads from the system rather than from its own _internal/ (PyInstaller bundles
# every other library it links to). Derived from `readelf -d` of every ELF file in the bundle:
# the sonames not shipped inside it are libc's, libGL, libEGL, libdrm, libxcb and
# libwayland-client (PyInstaller's exclude list: they must match the machine's graphics stack).
# fontconfig-config: /etc/fonts, which the bundled libfontconfig reads. build/check_deb.sh
# proves in a minimal Debian that these are enough (every library in the bundle resolves).
DEPENDS=(libgl1 libegl1 libdrm2 libxcb1 libwayland-client0 fontconfig-config)
# Qt's Wayland plugin (an X11 session, and XWayland, work without), a Chinese font for the windows
# on a Debian desktop (UOS and Kylin have their own; the documents use the bundled fonts).
RECOMMENDS=(libwayland-cursor0 libwayland-egl1 "fonts-wqy-microhei | fonts-noto-cjk")
# The optional GTK theme plugin (libqgtk3.so; Qt falls back to its own style without it).
SUGGESTS=(libgtk-3-0)

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[[ -x $BUNDLE/ducha ]] || fail "no bundle in $BUNDLE: run build/build.sh (./dev bundle) first"
[[ -x .venv/bin/python ]] || fail "no .venv: run ./dev setup first (the icons are drawn with its Qt)"
command -v dpkg-deb >/dev/null || fail "dpkg-deb is missing (Debian's dpkg)"

started=$SECONDS
got=$(QT_QPA_PLATFORM=offscreen "$BUNDLE/ducha" --version) || fail "$BUNDLE/ducha --version failed"
version=${got#ducha }
[[ $version =~ ^[0-9]+(\.[0-9]+)*([.]?(a|b|rc|dev|post)[0-9]*)*$ ]] ||
  fail "cannot package version '$version' (from '$got')"
# Debian orders a pre-release before its release with '~': 0.2.0rc1 → 0.2.0~rc1.
deb_version=$(sed -E 's/\.?(a|b|rc|dev)([0-9]*)/~\1\2/g; s/\.?post([0-9]*)/+post\1/g' <<<"$version")
# UOS's info file wants MAJOR.MINOR.PATCH.BUILD, numbers only.
IFS=. read -r -a parts <<<"$(grep -oE '^[0-9]+(\.[0-9]+)*' <<<"$version")"
while ((${#parts[@]} < 4)); do parts+=(0); done
uos_version="${parts[0]}.${parts[1]}.${parts[2]}.${parts[3]}"
arch=$(dpkg --print-architecture)
case $arch in amd64) tar_arch=x64 ;; *) tar_arch=$arch ;; esac
# The newest glibc symbol version any file of the bundle needs (Python, Qt and the libraries
# PyInstaller copied from the build machine): older systems must be refused at install time.
glibc=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name ducha \) -exec objdump -T {} + 2>/dev/null |
  grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sed 's/GLIBC_//' | sort -uV | tail -1)
[[ -n $glibc ]] || fail "cannot tell which glibc the bundle needs (objdump -T: binutils)"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
echo "== package: $APPID $deb_version ($arch), needs glibc >= $glibc, time stamps $SOURCE_DATE_EPOCH"

rm -rf "$STAGE"
root=$STAGE/deb
app=$root/opt/apps/$APPID
mkdir -p "$app/entries/applications" "$app/entries/icons/hicolor/scalable/apps" "$root/DEBIAN"
cp -a "$BUNDLE" "$app/files"
cp "$ICON" "$app/entries/icons/hicolor/scalable/apps/$APPID.svg"
.venv/bin/python build/render_icons.py "$ICON" "$app/entries/icons/hicolor" "$APPID" >/dev/null

# The menu entry. The full path in Exec: nothing is written outside /opt/apps/$APPID (UOS's rule),
# so there is no /usr/bin/ducha; README's "Packages" says how to add a command or menu entry on
# Debian.
cat >"$app/entries/applications/$APPID.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=Ducha
Name[zh_CN]=督查
GenericName=Urban management supervision
GenericName[zh_CN]=城市管理督查
Comment=Offline field supervision: inspections, rectification notices, monthly bulletins
Comment[zh_CN]=离线现场督查：检查、整改通知书、月度通报
Exec=/opt/apps/$APPID/files/ducha
Icon=$APPID
Terminal=false
Categories=Office;
Keywords=inspection;supervision;urban;督查;城管;整改;
EOF

# UOS's application description (JSON): the store reads the id, name, version and architectures,
# and shows the permissions before installing. Ducha asks for none of them: no autostart, no tray
# icon, no camera or microphone (photos and recordings are imported as files).
cat >"$app/info" <<EOF
{
  "appid": "$APPID",
  "name": "督查 Ducha",
  "version": "$uos_version",
  "arch": ["$arch"],
  "permissions": {
    "autostart": false,
    "notification": false,
    "trayicon": false,
    "clipboard": false,
    "account": false,
    "bluetooth": false,
    "camera": false,
    "audio_record": false,
    "installed_apps": false
  }
}
EOF

join() {
  local out
  printf -v out '%s, ' "$@"
  echo "${out%, }"
}
cat >"$root/DEBIAN/control" <<EOF
Package: $APPID
Version: $deb_version
Architecture: $arch
Maintainer: Ducha developers <ducha@ducha.cn>
Installed-Size: $(du -sk --apparent-size "$app" | cut -f1)
Depends: libc6 (>= $glibc), $(join "${DEPENDS[@]}")
Recommends: $(join "${RECOMMENDS[@]}")
Suggests: $(join "${SUGGESTS[@]}")
Section: utils
Priority: optional
Homepage: https://ducha.cn
Description: Ducha (督查): offline field supervision for urban management
 督查：城市精细化管理现场督查客户端，离线工作。检查、照片和录音取证、整改通知书、
 月度通报与考核；有网络时与本县的服务器同步，也可用U盘同步。
 .
 The desktop client of Ducha: inspections against the county's checklist, photo,
 video and voice evidence, rectification notices, monthly bulletins and rankings.
 It works offline and syncs with the county's own server when one is reachable.
 .
 Installed under /opt/apps/$APPID/ (UOS app store layout); the program is
 /opt/apps/$APPID/files/ducha.
EOF

# One owner (root, by --root-owner-group), one time, one set of modes: the same .deb from the
# same bundle whoever builds it.
find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -perm /111 -exec chmod 0755 {} +
find "$root" -type f ! -perm /111 -exec chmod 0644 {} +
(cd "$root" && find opt -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum >DEBIAN/md5sums)
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$OUT"
deb=$OUT/${APPID}_${deb_version}_$arch.deb
tarball=$OUT/ducha-$version-linux-$tar_arch.tar.gz
rm -f "$OUT/${APPID}"_*.deb "$OUT"/ducha-*-linux-*.tar.gz
# gzip by default: xz saves a quarter (102 MB against 145 MB) but takes minutes on a busy machine;
# DUCHA_DEB_COMPRESSION=xz for a release that travels over slow links.
dpkg-deb --root-owner-group -Z"${DUCHA_DEB_COMPRESSION:-gzip}" --build "$root" "$deb" >/dev/null
echo "$(du -h "$deb" | cut -f1) $deb"

# The tarball: the program folder alone, as ducha-<version>/ (unpack anywhere, run ./ducha).
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  --transform "s,^files,ducha-$version," -C "$app" -cf - files |
  gzip -n -6 >"$tarball"
echo "$(du -h "$tarball" | cut -f1) $tarball"
echo "== package: made in $((SECONDS - started)) s"
