"""The Windows installer's script (build/windows/ducha.iss), checked without Windows by
build/windows/check_iss.py: the shipped script passes, and each way of breaking it that matters
to a county (no Chinese, the user's data deleted, a file that the build does not make, a
per-user or 32-bit install) is caught, by name."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "build" / "windows" / "ducha.iss"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_iss", ROOT / "build/windows/check_iss.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


check_iss = _load()
TEXT = SCRIPT.read_text(encoding="utf-8")
CHINESE = 'Name: "chinesesimplified"; MessagesFile: "compiler:Languages\\ChineseSimplified.isl"\n'
ENGLISH = 'Name: "english"; MessagesFile: "compiler:Default.isl"\n'
FILES = 'Source: "{#DistDir}\\*"; DestDir: "{app}"'


def test_the_shipped_script_passes_the_check() -> None:
    assert check_iss.check(SCRIPT.read_bytes()) == []


def test_the_command_line_says_ok_or_names_each_problem(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "build/windows/check_iss.py"], cwd=ROOT, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    assert "ducha.iss OK" in ok.stdout
    broken = tmp_path / "ducha.iss"
    broken.write_text(TEXT.replace(CHINESE, ""), encoding="utf-8")
    failed = subprocess.run(
        [sys.executable, "build/windows/check_iss.py", str(broken)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert failed.returncode == 1
    assert "Simplified Chinese (chinesesimplified) must be the first language" in failed.stderr


def test_the_layout_is_what_the_spec_makes_on_windows() -> None:
    layout = check_iss.bundle_layout(ROOT, check_iss.build_distpath(ROOT))
    assert layout.folder == "build-out/dist/ducha"
    assert layout.executables == ("ducha.exe", "ducha-cli.exe")
    assert {
        "ducha.exe",
        "_internal/resources/translations/ducha_zh_CN.qm",
        "_internal/resources/templates/city_fine_management_v1.json",
    } <= layout.files
    assert not any(name.endswith(".ts") for name in layout.files)


def test_the_data_folder_is_the_one_the_app_uses() -> None:
    from app.settings import APPLICATION, ORGANIZATION

    assert check_iss.data_folder(ROOT) == f"{ORGANIZATION}\\{APPLICATION}" == "Ducha\\Ducha"


BROKEN = [
    (
        "no Chinese",
        CHINESE,
        "",
        "Simplified Chinese (chinesesimplified) must be the first language",
    ),
    (
        "English first",
        CHINESE + ENGLISH,
        ENGLISH + CHINESE,
        "Simplified Chinese (chinesesimplified) must be the first language",
    ),
    (
        "the uninstaller deletes the user's data",
        "[UninstallDelete]\n",
        '[UninstallDelete]\nType: filesandordirs; Name: "{userappdata}\\Ducha\\Ducha"\n',
        "[UninstallDelete] deletes {userappdata}\\Ducha\\Ducha: that is where the user's data",
    ),
    (
        "an upgrade deletes the local cache folder",
        "[InstallDelete]\n",
        '[InstallDelete]\nType: filesandordirs; Name: "{localappdata}\\Ducha"\n',
        "[InstallDelete] deletes {localappdata}\\Ducha: that is where the user's data",
    ),
    (
        "the uninstaller deletes outside the program folder",
        "[UninstallDelete]\n",
        '[UninstallDelete]\nType: files; Name: "{app}\\..\\*"\n',
        "deletes {app}\\..\\*, outside the program folder",
    ),
    (
        "a Source the build does not make",
        FILES,
        'Source: "{#DistDir}\\ducha-missing.exe"; DestDir: "{app}"\n' + FILES,
        "Source ..\\..\\build-out\\dist\\ducha\\ducha-missing.exe matches nothing build/ducha.spec",
    ),
    (
        "the wrong PyInstaller folder",
        '#define DistDir "..\\..\\build-out\\dist\\ducha"',
        '#define DistDir "..\\..\\dist\\ducha"',
        "Source ..\\..\\dist\\ducha\\* does not exist",
    ),
    (
        "only the executable installed",
        "recursesubdirs createallsubdirs",
        "createallsubdirs",
        "[Files] leaves out what the spec builds: _internal/resources/",
    ),
    (
        "a shortcut to an executable the spec does not make",
        'Name: "{group}\\{cm:AppName}"; Filename: "{app}\\{#AppExe}"',
        'Name: "{group}\\{cm:AppName}"; Filename: "{app}\\Ducha.bat"',
        "[Icons]: no Start-menu shortcut to {app}\\ducha.exe",
    ),
    (
        "no uninstaller in the Start menu",
        'Name: "{group}\\{cm:UninstallShortcut}"; Filename: "{uninstallexe}"\n',
        "",
        "no Start-menu shortcut to the uninstaller",
    ),
    (
        "a mandatory desktop icon",
        '; WorkingDir: "{app}"; Tasks: desktopicon',
        '; WorkingDir: "{app}"',
        "the desktop shortcut must be optional",
    ),
    ("AppId not a GUID", "AppId={{C6E9E4A9-BC3B-472E-A40A-F0915F5520C4}", "AppId=Ducha", "AppId"),
    ("per user", "PrivilegesRequired=admin", "PrivilegesRequired=lowest", "per machine"),
    (
        "32-bit install mode",
        "ArchitecturesInstallIn64BitMode=x64compatible\n",
        "",
        "ArchitecturesInstallIn64BitMode must be x64compatible",
    ),
    (
        "an Inno Setup without the Chinese messages",
        "#if Ver < EncodeVer(7, 0, 2)",
        "#if Ver < EncodeVer(6, 3, 0)",
        "ChineseSimplified.isl ships with Inno Setup only since 7.0.2",
    ),
    (
        "a Chinese text left in English",
        "chinesesimplified.UninstallShortcut=卸载督查",
        "chinesesimplified.UninstallShortcut=Uninstall Ducha",
        "chinesesimplified.UninstallShortcut is not in Chinese",
    ),
    (
        "a text without its Chinese",
        "chinesesimplified.AppName=督查\n",
        "",
        "the message AppName has no text in chinesesimplified",
    ),
    (
        "a stray percent sign",
        "english.UninstalledAll=%1 was removed",
        "english.UninstalledAll=%1 (100%) was removed",
        "%) (write %% for a percent sign)",
    ),
    ("a flag Inno does not have", "ignoreversion", "ignoreversions", "has no flag ignoreversions"),
    ("a misspelt parameter", 'DestDir: "{app}"', 'DestDirs: "{app}"', "has no parameter DestDirs"),
    ("a misspelt directive", "SolidCompression=yes", "SolidCompresion=yes", "no directive"),
    ("an unclosed quote", 'DestDir: "{app}";', 'DestDir: "{app};', "a quoted value is not closed"),
    ("a misspelt constant", 'DestDir: "{app}"', 'DestDir: "{ap}"', "{ap} is not an Inno Setup"),
    (
        "Pascal code",
        "[UninstallDelete]\n",
        "[Code]\nprocedure X; begin DelTree(ExpandConstant('{userappdata}'), True, True, True);"
        " end;\n"
        "[UninstallDelete]\n",
        "[Code] is refused",
    ),
    (
        "the app's settings removed from the registry",
        "[UninstallDelete]\n",
        '[Registry]\nRoot: HKCU; Subkey: "Software\\Ducha\\Ducha"; Flags: uninsdeletekey\n'
        "[UninstallDelete]\n",
        "[Registry] touches Software\\Ducha\\Ducha",
    ),
    (
        "the app started as the administrator",
        "Flags: nowait postinstall skipifsilent",
        "Flags: nowait postinstall skipifsilent runascurrentuser",
        "runascurrentuser starts the app as the administrator",
    ),
    (
        "the app started by a silent install",
        "Flags: nowait postinstall skipifsilent",
        "Flags: nowait postinstall",
        "postinstall needs skipifsilent",
    ),
    (
        "the version not from the build",
        "AppVersion={#AppVersion}",
        "AppVersion=1.0",
        "AppVersion must be {#AppVersion}",
    ),
    (
        "a broken signing branch",
        "SignedUninstaller=yes",
        "SignedUninstaller=maybe",
        "SignedUninstaller=maybe: expected one of no, yes (with /DAppVersion /DSign)",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_a_broken_copy_is_refused_by_name(old: str, new: str, expected: str) -> None:
    assert TEXT.count(old) >= 1, f"the mutation no longer applies: {old!r}"
    problems = check_iss.check(TEXT.replace(old, new, 1).encode("utf-8"))
    assert any(expected in problem for problem in problems), problems


def test_text_that_is_not_utf8_is_refused() -> None:
    problems = check_iss.check(TEXT.encode("gb18030"))
    assert problems and "not valid UTF-8" in problems[0]
    assert check_iss.check(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == []  # a BOM is fine


def test_without_the_version_the_script_stops() -> None:
    problems = check_iss.check(TEXT.encode("utf-8"), defines={})
    assert any("#error Pass the version" in problem for problem in problems), problems
