#!/usr/bin/env bash
# Build the desktop bundle (build-out/dist/ducha/) from build/ducha.spec, then smoke-test it the
# way a user runs it: --version, a demo store, the app starting, a headless notice export.
# PyInstaller's scratch and output go to build-out/ (ignored), never over build/.
# Needs the environment `./dev setup` makes; `./dev bundle` runs this after setting up.
set -euo pipefail
cd "$(dirname "$0")/.."

BUNDLE=build-out/dist/ducha
DUCHA=$BUNDLE/ducha
PY=.venv/bin/python

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[[ -x .venv/bin/pyinstaller ]] || fail "no .venv/bin/pyinstaller: run ./dev setup first"

started=$SECONDS
echo "== bundle: pyinstaller build/ducha.spec"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --workpath build-out/work --distpath build-out/dist build/ducha.spec
echo "built in $((SECONDS - started)) s"
[[ -x $DUCHA ]] || fail "$DUCHA was not made"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Headless, and with settings in the scratch folder rather than the user's.
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME=$tmp/config

echo "== bundle: contents"
internal=$BUNDLE/_internal
for f in resources/templates/city_fine_management_v1.json resources/calendar/cn_workdays.json \
  resources/demo/org.json resources/translations/ducha_zh_CN.qm resources/translations/ducha_en.qm; do
  [[ -f $internal/$f ]] || fail "missing from the bundle: $f"
done
compgen -G "$internal/ducha-*.dist-info/METADATA" >/dev/null ||
  fail "ducha's metadata is not in the bundle (importlib.metadata.version would fall back)"
[[ -n $(find "$internal" -path '*PySide6*' -name qtbase_zh_CN.qm) ]] ||
  fail "Qt's own Chinese translation (qtbase_zh_CN.qm) is not in the bundle"
if [[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]]; then
  [[ -f $internal/resources/fonts/wqy-microhei.ttc ]] || fail "the Chinese font was not copied in"
fi
if [[ -f /usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf ]]; then
  [[ -f $internal/resources/fonts/gbsn00lp.ttf ]] || fail "the 宋 font (gbsn00lp.ttf) was not copied in"
fi
# Every Qt library and plugin must find the Qt libraries it links to (the spec drops some), and
# every library must load at all (a stripped copy that no longer does: "not page-aligned").
missing=$(find "$internal" -name '*.so*' -type f -exec ldd {} + 2>&1 |
  grep -E 'libQt6.* => not found|error while loading shared libraries' | sort -u || true)
[[ -z $missing ]] || fail "Qt libraries missing from the bundle, or broken:"$'\n'"$missing"

[[ -n $(find "$internal" -name 'libffmpegmediaplugin*' -o -name 'ffmpegmediaplugin*.dll') ]] ||
  fail "Qt Multimedia's FFmpeg plugin (video playback) is not in the bundle"
[[ -n $(find "$internal" -path '*av*' -name 'libavcodec*') ]] ||
  fail "PyAV's FFmpeg libraries (recordings' metadata and posters) are not in the bundle"

echo "== bundle: ducha --version"
expected="ducha $($PY -c 'from importlib.metadata import version; print(version("ducha"))')"
got=$("$DUCHA" --version) || fail "ducha --version exited $?"
[[ $got == "$expected" ]] || fail "ducha --version printed '$got', expected '$expected'"
echo "$got"

echo "== bundle: ducha demo"
store=$tmp/store
"$DUCHA" demo --data-dir "$store" --today 2026-11-20 || fail "ducha demo exited $?"
inspections=$($PY -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM inspection").fetchone()[0])' \
  "$store/ducha.sqlite3") || fail "cannot read the demo store"
((inspections > 0)) || fail "the demo store has no inspection"

echo "== bundle: ducha import of a short video and a voice recording (poster, duration)"
PYTHONPATH=. $PY -c 'import sys
from pathlib import Path
from tests.media_clips import make_audio, make_video
make_video(Path(sys.argv[1]), seconds=2.0, sound=True)
make_audio(Path(sys.argv[2]), seconds=3.0)' "$tmp/VID_0001.mp4" "$tmp/voice.m4a" ||
  fail "cannot make the test clips"
draft=$($PY -c 'import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "SELECT id FROM inspection WHERE status = '"'"'draft'"'"' ORDER BY id LIMIT 1").fetchone()
print(row[0] if row else "")' "$store/ducha.sqlite3") || fail "cannot read drafts"
[[ -n $draft ]] || fail "the demo store has no draft to import into"
"$DUCHA" --lang en import --data-dir "$store" --inspection "$draft" \
  "$tmp/VID_0001.mp4" "$tmp/voice.m4a" >"$tmp/import.out" ||
  { cat "$tmp/import.out" >&2; fail "ducha import of a video exited $?"; }
cat "$tmp/import.out"
grep -q $'^imported\t.*VID_0001.mp4\tvideo 0:02' "$tmp/import.out" ||
  fail "the video was not imported with its duration"
grep -q $'^imported\t.*voice.m4a\taudio 0:03' "$tmp/import.out" ||
  fail "the voice recording was not imported with its duration"
$PY -c 'import sqlite3, sys
from pathlib import Path
db = sqlite3.connect(sys.argv[1])
shas = [r[0] for r in db.execute("SELECT sha256 FROM photo WHERE media_type != '"'"'image'"'"'")]
posters = [Path(sys.argv[2]) / "thumbs" / s[:2] / f"{s}.jpg" for s in shas]
sys.exit(0 if len(shas) == 2 and all(p.is_file() and p.stat().st_size > 1000 for p in posters) else 1)' \
  "$store/ducha.sqlite3" "$store" || fail "no poster was made for the recordings"
echo "video and audio imported, posters made"

echo "== bundle: the evidence viewer plays the video (offscreen: playing, position, frame)"
video=$($PY -c 'import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "SELECT id FROM photo WHERE original_name = '"'"'VID_0001.mp4'"'"'").fetchone()
print(row[0] if row else "")' "$store/ducha.sqlite3") || fail "cannot read the video's row"
[[ -n $video ]] || fail "the imported video has no row"
# The clip's frames are (200, 30, 30) (tests/media_clips.py's default): the frame shown must be.
rc=0
timeout 90 "$DUCHA" check-playback --data-dir "$store" --photo "$video" --colour 200,30,30 \
  >"$tmp/play.out" 2>&1 || rc=$?
if [[ $rc -ne 0 ]]; then
  tail -n 25 "$tmp/play.out" >&2
  fail "the bundle did not play the video (ducha check-playback exited $rc)"
fi
grep '^played' "$tmp/play.out"

echo "== bundle: the app starts (offscreen, 8 s)"
rc=0
timeout 8 "$DUCHA" --data-dir "$store" --lang zh_CN >"$tmp/gui.out" 2>&1 || rc=$?
# 124: still running when timeout stopped it, as a window should be.
if [[ $rc -ne 124 ]] || grep -q Traceback "$tmp/gui.out"; then
  cat "$tmp/gui.out" >&2
  fail "the app did not keep running (exit $rc)"
fi

echo "== bundle: ducha export notice"
if ! "$DUCHA" export --help >/dev/null 2>&1; then
  echo "SKIP: no export command yet (ducha export --help fails)"
else
  number=$($PY -c 'import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "SELECT number FROM notice ORDER BY issued_at, number LIMIT 1").fetchone()
print(row[0] if row else "")' "$store/ducha.sqlite3") || fail "cannot read notices from the store"
  [[ -n $number ]] || fail "the demo store has no notice to export"
  echo "notice $number"
  command -v pdftotext >/dev/null || fail "pdftotext is missing (poppler-utils: ./dev system)"
  "$DUCHA" export notice "$number" --data-dir "$store" --out "$tmp/n.pdf" ||
    fail "ducha export notice $number --out n.pdf exited $?"
  pdftotext "$tmp/n.pdf" "$tmp/n.txt" || fail "pdftotext cannot read the PDF"
  grep -qF "$number" "$tmp/n.txt" || fail "the PDF does not contain $number"
  "$DUCHA" export notice "$number" --data-dir "$store" --out "$tmp/n.docx" ||
    fail "ducha export notice $number --out n.docx exited $?"
  $PY -c 'import sys, docx
d = docx.Document(sys.argv[1])
cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
sys.exit(sys.argv[2] not in "\n".join([p.text for p in d.paragraphs] + cells))' \
    "$tmp/n.docx" "$number" || fail "the .docx does not contain $number"
  echo "PDF and .docx contain $number"

  echo "== bundle: the month's bulletin, workbook and an evidence package"
  "$DUCHA" export bulletin --month 2026-11 --data-dir "$store" --out "$tmp/b.pdf" ||
    fail "ducha export bulletin exited $?"
  pdftotext "$tmp/b.pdf" "$tmp/b.txt" || fail "pdftotext cannot read the bulletin"
  grep -qF "2026年11月城市精细化管理督查通报" "$tmp/b.txt" || fail "the bulletin lacks its title"
  "$DUCHA" export workbook --month 2026-11 --data-dir "$store" --out "$tmp/w.xlsx" ||
    fail "ducha export workbook exited $?"
  $PY -c 'import sys, openpyxl
sheet = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
sys.exit(sheet.max_row < 2)' "$tmp/w.xlsx" || fail "the workbook's ranking sheet is empty"
  "$DUCHA" export package --notice "$number" --data-dir "$store" --out "$tmp/p.zip" ||
    fail "ducha export package exited $?"
  "$DUCHA" verify-package "$tmp/p.zip" || fail "the evidence package does not verify"
  echo "bulletin, workbook and evidence package written and checked"
fi

echo "== bundle: $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE ($((SECONDS - started)) s with checks)"
