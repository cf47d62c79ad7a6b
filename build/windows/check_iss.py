"""Check build/windows/ducha.iss on a machine without Inno Setup (Linux CI).

    python build/windows/check_iss.py [SCRIPT]      exit 0: no problem; 1: each problem printed

What it reads, as Inno Setup's compiler would: the encoding (UTF-8, a BOM allowed); the ISPP lines
this script uses (#define of strings, #ifdef/#ifndef/#else/#endif, {#Name}, and #if blocks that only
stop the build with #error, taken as guards on the compiler's version); the sections; [Setup]-like
"Key=value" lines; "Name: value; ..." entries with their quoting, parameter names and flags; and
the {constants}. What it checks on top: the installation is per machine and 64-bit with a fixed
GUID AppId; Simplified Chinese is the first language, from a messages file that exists (or ships
with the Inno Setup version the script insists on), and every text of ours has its Chinese; every
[Files] Source matches files of the folder build/ducha.spec makes (its executables and the
resources it collects) and every such file is installed; the shortcuts and [Run] start an
executable the spec makes; nothing is deleted outside the program folder, so the user's data
folder (derived from app/settings.py) survives an upgrade and the uninstaller. What it cannot
check (Windows only): that ISCC compiles it, that the installer runs, the DLLs PyInstaller's hooks
add (they are covered by the [Files] wildcard, never listed).
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import importlib.util
import posixpath
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "build" / "windows" / "ducha.iss"
SCRIPT_DIR = ("build", "windows")  # where ducha.iss lives, relative to the repository
# What build.ps1 passes to ISCC (/DAppVersion=...; /DSign only when signing): the script must pass
# both ways. The version's value is a sample; build.ps1 takes the built package's.
DEFINES_VARIANTS: tuple[Mapping[str, str], ...] = (
    {"AppVersion": "0.1.0"},
    {"AppVersion": "0.1.0", "Sign": ""},
)

# --- what Inno Setup 7 accepts (names from its help, ISHelp/isetup.xml) -----------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SETUP_DIRECTIVES = _words(
    """ASLRCompatible AllowCancelDuringInstall AllowNetworkDrive AllowNoIcons AllowRootDirectory
    AllowUNCPath AlwaysCreateUninstallIcon AlwaysRestart AlwaysShowComponentsList
    AlwaysShowDirOnReadyPage AlwaysShowGroupOnReadyPage AlwaysUsePersonalGroup AppComments
    AppContact AppCopyright AppId AppModifyPath AppMutex AppName AppPublisher AppPublisherURL
    AppReadmeFile AppSupportPhone AppSupportURL AppUpdatesURL AppVerName AppVersion
    AppendDefaultDirName AppendDefaultGroupName ArchitecturesAllowed
    ArchitecturesInstallIn64BitMode ArchiveExtraction ChangesAssociations ChangesEnvironment
    CloseApplications CloseApplicationsFilter CloseApplicationsFilterExcludes Compression
    CompressionThreads CreateAppDir CreateUninstallRegKey DEPCompatible DefaultDialogFontName
    DefaultDirName DefaultGroupName DefaultUserInfoName DefaultUserInfoOrg DefaultUserInfoSerial
    DirExistsWarning DisableAppendDir DisableDirPage DisableFinishedPage
    DisablePrecompiledFileVerifications DisableProgramGroupPage DisableReadyMemo DisableReadyPage
    DisableStartupPrompt DisableWelcomePage DiskClusterSize DiskSliceSize DiskSpanning
    DontMergeDuplicateFiles EnableDirDoesntExistWarning Encryption EncryptionKeyDerivation
    ExtraDiskSpaceRequired FlatComponentsList InfoAfterFile InfoBeforeFile InternalCompressLevel
    LZMAAlgorithm LZMABlockSize LZMADictionarySize LZMAMatchFinder LZMANumBlockThreads
    LZMANumFastBytes LZMAUseSeparateProcess LanguageDetectionMethod LicenseFile
    MergeDuplicateFiles MessagesFile MinVersion MissingMessagesWarning MissingRunOnceIdsWarning
    NotRecognizedMessagesWarning OnlyBelowVersion Output OutputBaseFilename OutputDir
    OutputManifestFile Password PrivilegesRequired PrivilegesRequiredOverridesAllowed
    RedirectionGuard ReserveBytes RestartApplications RestartIfNeededByRun SetupArchitecture
    SetupIconFile SetupLogging SetupMutex ShowComponentSizes ShowLanguageDialog ShowTasksTreeLines
    SignTool SignToolMinimumTimeBetween SignToolRetryCount SignToolRetryDelay
    SignToolRunMinimized SignedUninstaller SignedUninstallerDir SlicesPerDisk SolidCompression
    SourceDir TerminalServicesAware TimeStampRounding TimeStampsInUTC TouchDate TouchTime
    UninstallDisplayIcon UninstallDisplayName UninstallDisplaySize UninstallFilesDir
    UninstallIconFile UninstallIconName UninstallLogMode UninstallLogging
    UninstallRestartComputer UninstallStyle Uninstallable UpdateUninstallLogAppName
    UsePreviousAppDir UsePreviousGroup UsePreviousLanguage UsePreviousPrivileges
    UsePreviousSetupType UsePreviousTasks UsePreviousUserInfo UseSetupLdr UsedUserAreasWarning
    UserInfoPage VersionInfoCompany VersionInfoCopyright VersionInfoDescription
    VersionInfoOriginalFileName VersionInfoProductName VersionInfoProductTextVersion
    VersionInfoProductVersion VersionInfoTextVersion VersionInfoVersion WindowVisible
    WizardBackColor WizardBackColorDynamicDark WizardBackImageFile WizardBackImageFileDynamicDark
    WizardBackImageOpacity WizardImageAlphaFormat WizardImageBackColor
    WizardImageBackColorDynamicDark WizardImageFile WizardImageFileDynamicDark WizardImageOpacity
    WizardImageStretch WizardKeepAspectRatio WizardResizable WizardSizePercent
    WizardSmallImageBackColor WizardSmallImageBackColorDynamicDark WizardSmallImageFile
    WizardSmallImageFileDynamicDark WizardStyle WizardStyleFile WizardStyleFileDynamicDark"""
)
SETUP_CHOICES = {
    "PrivilegesRequired": {"admin", "lowest", "none"},
    "ShowLanguageDialog": {"yes", "no", "auto"},
    "DisableProgramGroupPage": {"yes", "no", "auto"},
    "DisableDirPage": {"yes", "no", "auto"},
    "CloseApplications": {"yes", "no", "force"},
    "RestartApplications": {"yes", "no"},
    "SolidCompression": {"yes", "no"},
    "SignedUninstaller": {"yes", "no"},
}
SECTIONS = {
    name.lower(): name
    for name in (
        "Setup", "Types", "Components", "Tasks", "Dirs", "Files", "Icons", "INI", "InstallDelete",
        "Languages", "Messages", "CustomMessages", "LangOptions", "Registry", "Run",
        "UninstallRun", "UninstallDelete", "ISSigKeys", "Code",
    )
}  # fmt: skip
KEY_VALUE_SECTIONS = {"setup", "messages", "custommessages", "langoptions"}
# Sections this installer must not have: each could delete or change the user's data in ways
# this checker cannot read (Pascal code, programs run by the uninstaller, .ini edits).
REFUSED_SECTIONS = {
    "code": "Pascal code can delete anything (DelTree, DeleteFile) unseen by this check",
    "uninstallrun": "a program run by the uninstaller could delete the user's data",
    "ini": ".ini entries could change files outside the program folder",
}
COMMON_PARAMETERS = {
    "Languages", "MinVersion", "OnlyBelowVersion", "Components", "Tasks", "Check",
    "BeforeInstall", "AfterInstall",
}  # fmt: skip
PARAMETERS = {
    "tasks": {"Name", "Description", "GroupDescription", "Flags"},
    "types": {"Name", "Description", "Flags"},
    "components": {"Name", "Description", "Types", "ExtraDiskSpaceRequired", "Flags"},
    "dirs": {"Name", "Attribs", "Permissions", "Flags"},
    "files": {
        "Source", "DestDir", "DestName", "Excludes", "ExternalSize", "Attribs", "Permissions",
        "FontInstall", "StrongAssemblyName", "ISSigAllowedKeys", "Hash", "ExtractArchivePassword",
        "DownloadISSigSource", "DownloadUserName", "DownloadPassword", "Flags",
    },
    "icons": {
        "Name", "Filename", "Parameters", "WorkingDir", "HotKey", "Comment", "IconFilename",
        "IconIndex", "AppUserModelID", "AppUserModelToastActivatorCLSID", "Flags",
    },
    "languages": {"Name", "MessagesFile", "LicenseFile", "InfoBeforeFile", "InfoAfterFile"},
    "registry": {"Root", "Subkey", "ValueType", "ValueName", "ValueData", "Permissions", "Flags"},
    "run": {
        "Filename", "Description", "Parameters", "WorkingDir", "StatusMsg", "RunOnceId", "Verb",
        "OnLog", "Flags",
    },
    "installdelete": {"Type", "Name"},
    "uninstalldelete": {"Type", "Name"},
}  # fmt: skip
REQUIRED_PARAMETERS = {
    "tasks": ("Name", "Description"),
    "types": ("Name", "Description"),
    "components": ("Name", "Description"),
    "dirs": ("Name",),
    "files": ("Source", "DestDir"),
    "icons": ("Name", "Filename"),
    "languages": ("Name", "MessagesFile"),
    "registry": ("Root", "Subkey"),
    "run": ("Filename",),
    "installdelete": ("Type", "Name"),
    "uninstalldelete": ("Type", "Name"),
}
FLAGS = {
    "tasks": {"checkablealone", "checkedonce", "dontinheritcheck", "exclusive", "restart",
              "unchecked"},
    "types": {"iscustom"},
    "components": {"checkablealone", "dontinheritcheck", "exclusive", "fixed", "restart",
                   "disablenouninstallwarning"},
    "dirs": {"deleteafterinstall", "setntfscompression", "uninsalwaysuninstall",
             "uninsneveruninstall", "unsetntfscompression"},
    "files": {
        "32bit", "64bit", "allowunsafefiles", "comparetimestamp", "confirmoverwrite",
        "createallsubdirs", "deleteafterinstall", "dontcopy", "dontverifychecksum", "download",
        "external", "extractarchive", "fontisnttruetype", "gacinstall", "ignoreversion",
        "issigverify", "isreadme", "nocompression", "noencryption", "notimestamp", "noregerror",
        "onlyifdestfileexists", "onlyifdoesntexist", "overwritereadonly", "promptifolder",
        "recursesubdirs", "regserver", "regtypelib", "replacesameversion", "restartreplace",
        "setntfscompression", "sharedfile", "sign", "signcheck", "signonce",
        "skipifsourcedoesntexist", "solidbreak", "sortfilesbyextension", "sortfilesbyname",
        "touch", "uninsnosharedfileprompt", "uninsremovereadonly", "uninsrestartdelete",
        "uninsneveruninstall", "unsetntfscompression",
    },
    "icons": {"closeonexit", "createonlyiffileexists", "dontcloseonexit",
              "excludefromshowinnewinstall", "preventpinning", "runmaximized", "runminimized",
              "uninsneveruninstall", "useapppaths"},
    "registry": {"createvalueifdoesntexist", "deletekey", "deletevalue", "dontcreatekey",
                 "noerror", "preservestringtype", "uninsclearvalue", "uninsdeletekey",
                 "uninsdeletekeyifempty", "uninsdeletevalue"},
    "run": {"32bit", "64bit", "dontlogparameters", "hidewizard", "logoutput", "nowait",
            "postinstall", "runascurrentuser", "runasoriginaluser", "runhidden",
            "runmaximized", "runminimized", "shellexec", "skipifdoesntexist", "skipifnotsilent",
            "skipifsilent", "unchecked", "waituntilidle", "waituntilterminated"},
    "installdelete": set(),
    "uninstalldelete": set(),
    "languages": set(),
}  # fmt: skip
DELETE_TYPES = {"files", "filesandordirs", "dirifempty"}
CONSTANTS = _words(
    """app autoappdata autocf autocf32 autocf64 autodesktop autodocs autofonts autopf autopf32
    autopf64 autoprograms autostartmenu autostartup autotemplates cmd commonappdata commoncf
    commoncf32 commoncf64 commondesktop commondocs commonfonts commonpf commonpf32 commonpf64
    commonprograms commonstartmenu commonstartup commontemplates computername dao dotnet11
    dotnet20 dotnet2032 dotnet2064 dotnet40 dotnet4032 dotnet4064 group groupname language
    localappdata log sd src srcexe sys sysnative syswow64 tmp uninstallexe userappdata usercf
    userdesktop userdocs userfavorites userfonts userinfoname userinfoorg userinfoserial
    username userpf userprograms usersavedgames usersendto userstartmenu userstartup
    usertemplates win wizardhwnd \\"""
)
CONSTANT_PREFIXES = ("cm:", "%", "reg:", "ini:", "code:", "drive:", "param:", "username:")
# The "user" folders of whoever runs Setup: in a per-machine install that is the administrator,
# not the people who use the app.
USER_AREA_CONSTANTS = {c for c in CONSTANTS if c.startswith("user") and c not in {
    "username", "userinfoname", "userinfoorg", "userinfoserial"}} | {"localappdata"}  # fmt: skip
# Where Windows keeps per-user and shared application data: the app's data folder is under one.
DATA_ROOTS = {"userappdata", "localappdata", "commonappdata", "autoappdata", "userdocs",
              "%appdata", "%localappdata", "%userprofile", "%programdata"}  # fmt: skip
# The custom messages every official .isl defines (Inno Setup's help, [CustomMessages] section).
BUILTIN_CUSTOM_MESSAGES = {
    "NameAndVersion", "AdditionalIcons", "CreateDesktopIcon", "CreateQuickLaunchIcon",
    "ProgramOnTheWeb", "UninstallProgram", "LaunchProgram", "AssocFileExtension",
    "AssocingFileExtension", "AutoStartProgramGroupDescription", "AutoStartProgram",
    "AddonHostProgramNotFound",
}  # fmt: skip
# Messages files in the compiler's folder ("compiler:..."), and the first version shipping each
# that matters here: Simplified Chinese became official in Inno Setup 7.0.2 (whatsnew: "Added
# official Lithuanian, Simplified Chinese and Traditional Chinese translations"); before, it was
# an unofficial download.
COMPILER_MESSAGES_SINCE = {
    "default.isl": (6, 0, 0),
    "languages\\chinesesimplified.isl": (7, 0, 2),
    "languages\\chinesetraditional.isl": (7, 0, 2),
}
CHINESE = "chinesesimplified"
CJK = re.compile(r"[\u4e00-\u9fff]")
GUID_APP_ID = re.compile(r"\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}")


# --- reading the script ---------------------------------------------------------------------


@dataclass
class Entry:
    """One line of a "Name: value; ..." section; parameter names as Inno spells them."""

    line: int
    params: dict[str, str]

    def get(self, name: str) -> str:
        return self.params.get(name, "")

    @property
    def flags(self) -> set[str]:
        return {flag.lower() for flag in self.get("Flags").split()}


@dataclass
class Script:
    """The script after preprocessing: what the compiler would see."""

    keys: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)  # section: k=v
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    raw_values: dict[tuple[str, str], str] = field(default_factory=dict)  # before {#...}
    sections: list[tuple[int, str]] = field(default_factory=list)
    guards: list[tuple[int, str]] = field(default_factory=list)  # #if expressions that stop
    problems: list[str] = field(default_factory=list)

    def setup(self, name: str) -> str | None:
        values = [v for _, k, v in self.keys.get("setup", []) if k.lower() == name.lower()]
        return values[-1] if values else None


def decode(data: bytes, problems: list[str]) -> str | None:
    """The script's text: UTF-8, with or without a BOM (Inno Setup ≥ 6.3 reads both; 7.0.2
    refuses bytes that are not valid in the file's encoding)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(f"line {line}: not valid UTF-8 (byte {data[error.start]:#04x})")
        return None


DIRECTIVE = re.compile(r"#\s*(\w+)\s*(.*)$")
DEFINE = re.compile(r"(\w+)\s*(?:=\s*)?(.*)$")
EXPANSION = re.compile(r"\{#\s*(\w+)\s*\}")


def preprocess(text: str, defines: Mapping[str, str], problems: list[str]) -> Script:
    """What ISPP hands the compiler, for the directives this script uses."""
    values = dict(defines)
    script = Script(problems=problems)
    lines = text.splitlines()
    taking: list[bool] = []  # one per open #ifdef/#ifndef
    number = 0
    kept: list[tuple[int, str, str]] = []  # (line, expanded, raw)
    while number < len(lines):
        raw = lines[number]
        number += 1
        active = all(taking)
        match = DIRECTIVE.match(raw.strip())
        if match is None:
            if active:
                kept.append((number, _expand(raw, values, number, problems), raw))
            continue
        word, rest = match.group(1).lower(), match.group(2).strip()
        if word in {"ifdef", "ifndef"}:
            taking.append((rest in values) == (word == "ifdef"))
        elif word == "else":
            if not taking:
                problems.append(f"line {number}: #else without #if")
            else:
                taking[-1] = not taking[-1]
        elif word == "endif":
            if not taking:
                problems.append(f"line {number}: #endif without #if")
            else:
                taking.pop()
        elif word == "if":
            number = _guard(lines, number, rest, script, active)
        elif word == "define":
            if active:
                _define(rest, values, number, problems)
        elif word == "error":
            if active:
                problems.append(f"line {number}: the script stops: #error {rest}")
        else:
            problems.append(f"line {number}: #{word} is not a directive this check reads")
    if taking:
        problems.append("an #ifdef/#ifndef is never closed with #endif")
    _parse(kept, script)
    return script


def _expand(line: str, values: Mapping[str, str], number: int, problems: list[str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            problems.append(f"line {number}: {{#{name}}} is not defined")
            return ""
        return values[name]

    return EXPANSION.sub(value, line)


def _define(rest: str, values: dict[str, str], number: int, problems: list[str]) -> None:
    match = DEFINE.match(rest)
    if match is None:
        problems.append(f"line {number}: #define without a name")
        return
    name, value = match.group(1), match.group(2).strip()
    if value.startswith('"') and value.endswith('"') and len(value) >= 2:
        values[name] = value[1:-1]
    elif value == "" or re.fullmatch(r"-?\d+", value):
        values[name] = value
    else:
        problems.append(f"line {number}: #define {name} is not a plain string or number")


def _guard(lines: list[str], start: int, expression: str, script: Script, active: bool) -> int:
    """An #if block is read only when it does nothing but stop the build (#error): a guard on
    the compiler, recorded with its expression. Returns the line number of its #endif."""
    depth, number, only_errors = 1, start, True
    while number < len(lines) and depth:
        text = lines[number].strip()
        number += 1
        match = DIRECTIVE.match(text)
        if match is None:
            only_errors = only_errors and (not text or text.startswith(";"))
            continue
        word = match.group(1).lower()
        if word in {"if", "ifdef", "ifndef"}:
            depth += 1
        elif word == "endif":
            depth -= 1
        elif word != "error":
            only_errors = False
    if depth:
        script.problems.append(f"line {start}: #if is never closed with #endif")
    elif not only_errors:
        script.problems.append(
            f"line {start}: #if {expression}: only guards (an #if block holding nothing but "
            "#error) are read by this check"
        )
    elif active:
        script.guards.append((start, expression))
    return number


def _parse(lines: list[tuple[int, str, str]], script: Script) -> None:
    section = ""
    for number, text, raw in lines:
        stripped = text.strip()
        if not stripped or stripped.startswith(";"):
            continue
        heading = re.fullmatch(r"\[(\w+)\]", stripped)
        if heading:
            section = heading.group(1).lower()
            script.sections.append((number, section))
            if section not in SECTIONS:
                script.problems.append(f"line {number}: [{heading.group(1)}] is not a section")
            elif section in REFUSED_SECTIONS:
                script.problems.append(
                    f"line {number}: [{heading.group(1)}] is refused: {REFUSED_SECTIONS[section]}"
                )
            continue
        if not section:
            script.problems.append(f"line {number}: text before the first [section]")
        elif section in KEY_VALUE_SECTIONS:
            key, sep, value = stripped.partition("=")
            if not sep or not re.fullmatch(r"[\w.]+", key.strip()):
                script.problems.append(
                    f"line {number}: expected Name=value in [{SECTIONS[section]}]"
                )
                continue
            script.keys.setdefault(section, []).append((number, key.strip(), value.strip()))
            script.raw_values[(section, key.strip().lower())] = raw.strip().partition("=")[2]
        elif section in PARAMETERS:
            try:
                params = parse_parameters(stripped)
            except ValueError as error:
                script.problems.append(f"line {number}: {error}")
                continue
            script.entries.setdefault(section, []).append(Entry(number, params))
        # [Code] and other refused sections: already reported, their lines not read


def parse_parameters(text: str) -> dict[str, str]:
    """`Name: value; Name: "quoted; value"` as Inno Setup reads it ("" is a quote in quotes)."""
    params: dict[str, str] = {}
    i = 0
    while i < len(text):
        while i < len(text) and text[i] in " \t":
            i += 1
        if i == len(text):
            break
        match = re.match(r"(\w+)\s*:\s*", text[i:])
        if match is None:
            raise ValueError(f"expected 'Name: value' at {text[i:]!r}")
        name = match.group(1)
        i += match.end()
        if text[i : i + 1] == '"':
            value, i = _quoted(text, i + 1)
            while i < len(text) and text[i] in " \t":
                i += 1
            if i < len(text) and text[i] != ";":
                raise ValueError(f"text after the quoted value of {name}: {text[i:]!r}")
        else:
            end = text.find(";", i)
            end = len(text) if end < 0 else end
            value, i = text[i:end].strip(), end
        i += 1  # the ";"
        canonical = name.lower()
        if any(existing.lower() == canonical for existing in params):
            raise ValueError(f"parameter {name} given twice")
        params[name] = value
    return params


def _quoted(text: str, i: int) -> tuple[str, int]:
    value: list[str] = []
    while i < len(text):
        if text[i] == '"':
            if text[i + 1 : i + 2] == '"':
                value.append('"')
                i += 2
                continue
            return "".join(value), i + 1
        value.append(text[i])
        i += 1
    raise ValueError("a quoted value is not closed")


def constants(value: str) -> list[str]:
    """The {constants} in a value, outermost first, nested ones too ({cm:A,{cm:B}})."""
    found: list[str] = []
    i = 0
    while i < len(value):
        if value.startswith("{{", i):
            i += 2
            continue
        if value[i] != "{":
            i += 1
            continue
        depth, j = 1, i + 1
        while j < len(value) and depth:
            depth += {"{": 1, "}": -1}.get(value[j], 0)
            j += 1
        inner = value[i + 1 : j - 1]
        found.append(inner)
        found.extend(constants(inner))
        i = j
    return found


# --- what the build makes ---------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """The folder build/ducha.spec makes on Windows, as far as the spec declares it."""

    folder: str  # relative to the repository, POSIX: build-out/dist/ducha
    files: frozenset[str]  # relative to folder, POSIX
    executables: tuple[str, ...]  # ducha.exe (the window) first


def bundle_layout(root: Path, distpath: str) -> Layout:
    spec = (root / "build" / "ducha.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    names = [_name(call) for call in calls]
    named = list(zip(calls, names, strict=True))
    folder = next((_keyword(call, "name") for call, name in named if name == "COLLECT"), None)
    executables = tuple(
        f"{call.args[0].value}.exe"
        for call, name in named
        if name == "_exe"
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    )
    contents = next(
        (_keyword(call, "contents_directory") for call, name in named if name == "EXE"), None
    )
    if not folder or not executables:
        raise ValueError("build/ducha.spec: no COLLECT(name=...) or no _exe(...) call found")
    if "resource_datas" not in names:
        raise ValueError("build/ducha.spec no longer takes resources from bundle_resources.py")
    internal = contents or "_internal"
    files = set(executables)
    for source, folder_in_bundle in _resource_datas(root):
        files.add(posixpath.join(internal, *Path(folder_in_bundle).parts, Path(source).name))
    return Layout(
        folder=posixpath.join(*PureWindowsPath(distpath).parts, folder),
        files=frozenset(files),
        executables=executables,
    )


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else ""


def _keyword(call: ast.Call, name: str) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == name and isinstance(keyword.value, ast.Constant):
            value = keyword.value.value
            return value if isinstance(value, str) else None
    return None


def _resource_datas(root: Path) -> list[tuple[str, str]]:
    path = root / "build" / "bundle_resources.py"
    spec = importlib.util.spec_from_file_location("bundle_resources", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    datas: list[tuple[str, str]] = module.resource_datas(root)
    return datas


def build_distpath(root: Path) -> str:
    """The --distpath build.ps1 gives pyinstaller (relative to the repository)."""
    text = (root / "build" / "windows" / "build.ps1").read_text(encoding="utf-8")
    match = re.search(r"--distpath\s+[\"']?([^\s\"']+)", text)
    if match is None:
        raise ValueError("build/windows/build.ps1 gives pyinstaller no --distpath")
    return match.group(1)


def data_folder(root: Path) -> str:
    """The app's data folder under %APPDATA%: QStandardPaths' AppDataLocation is
    <organisation>\\<application>, both from app/settings.py."""
    tree = ast.parse((root / "app" / "settings.py").read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    names[target.id] = node.value.value
    return f"{names['ORGANIZATION']}\\{names['APPLICATION']}"


# --- the checks -------------------------------------------------------------------------------


def check(data: bytes, root: Path = ROOT, defines: Mapping[str, str] | None = None) -> list[str]:
    """Every problem of the script `data` (as if it were build/windows/ducha.iss of `root`)."""
    problems: list[str] = []
    text = decode(data, problems)
    if text is None:
        return problems
    variants = [defines] if defines is not None else list(DEFINES_VARIANTS)
    layout = bundle_layout(root, build_distpath(root))
    first: list[str] = []
    for index, variant in enumerate(variants):
        found: list[str] = []
        script = preprocess(text, variant, found)
        _check_syntax(script)
        _check_setup(script, layout)
        _check_languages(script, root)
        _check_texts(script)
        _check_files(script, root, layout)
        _check_shortcuts(script, layout)
        _check_deletes(script, data_folder(root))
        if index == 0:
            first = found
            problems.extend(found)
            continue
        given = " ".join(f"/D{name}" for name in variant)
        problems.extend(f"{problem} (with {given})" for problem in found if problem not in first)
    problems.extend(_check_build_script(root))
    return problems


def _check_syntax(script: Script) -> None:
    for number, key, value in script.keys.get("setup", []):
        if key not in SETUP_DIRECTIVES:
            script.problems.append(f"line {number}: [Setup] has no directive {key}")
        elif key in SETUP_CHOICES and value.lower() not in SETUP_CHOICES[key]:
            choices = ", ".join(sorted(SETUP_CHOICES[key]))
            script.problems.append(f"line {number}: {key}={value}: expected one of {choices}")
    counts: dict[str, int] = {}
    for _, key, _ in script.keys.get("setup", []):
        counts[key] = counts.get(key, 0) + 1
    for key, count in counts.items():
        if count > 1 and key != "SignTool":
            script.problems.append(f"[Setup] sets {key} {count} times")
    for section, entries in script.entries.items():
        allowed = PARAMETERS[section] | (COMMON_PARAMETERS if section != "languages" else set())
        title = SECTIONS[section]
        for entry in entries:
            where = f"line {entry.line}: [{title}]"
            for name in entry.params:
                if name not in allowed:
                    script.problems.append(f"{where} has no parameter {name}")
            for name in REQUIRED_PARAMETERS.get(section, ()):
                if not entry.get(name):
                    script.problems.append(f"{where} entry without {name}")
            unknown = entry.flags - FLAGS.get(section, set())
            if unknown:
                script.problems.append(f"{where} has no flag {', '.join(sorted(unknown))}")
            for value in entry.params.values():
                _check_constants(value, entry.line, script)
    for number, _, value in script.keys.get("setup", []):
        _check_constants(value, number, script)


def _check_constants(value: str, number: int, script: Script) -> None:
    for constant in constants(value):
        if constant not in CONSTANTS and not constant.startswith(CONSTANT_PREFIXES):
            script.problems.append(f"line {number}: {{{constant}}} is not an Inno Setup constant")


def _check_setup(script: Script, layout: Layout) -> None:
    need = script.problems.append
    app_id = script.setup("AppId") or ""
    if not GUID_APP_ID.fullmatch(app_id):
        written = "{{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}"
        need(f"AppId must be a fixed GUID written {written}, not {app_id!r}")
    for name in ("AppName", "DefaultDirName", "DefaultGroupName"):
        if not script.setup(name):
            need(f"[Setup] needs {name}")
    if script.raw_values.get(("setup", "appversion"), "").strip() != "{#AppVersion}":
        need("AppVersion must be {#AppVersion}, the version the build passes (/DAppVersion=...)")
    if (script.setup("PrivilegesRequired") or "admin").lower() != "admin":
        need("PrivilegesRequired must be admin: the installation is per machine")
    if script.setup("PrivilegesRequiredOverridesAllowed"):
        need("PrivilegesRequiredOverridesAllowed must not be set: no per-user installation")
    if not (script.setup("DefaultDirName") or "").lower().startswith("{autopf}\\"):
        need("DefaultDirName must be under {autopf} (Program Files, per machine)")
    allowed = (script.setup("ArchitecturesAllowed") or "").split()
    if "x64compatible" not in allowed:
        need("ArchitecturesAllowed must include x64compatible (the bundle is 64-bit)")
    if (script.setup("ArchitecturesInstallIn64BitMode") or "") != "x64compatible":
        need("ArchitecturesInstallIn64BitMode must be x64compatible (else Program Files (x86))")
    version = script.setup("VersionInfoVersion")
    if version is not None and not re.fullmatch(r"\d+(\.\d+){0,3}", version):
        need(f"VersionInfoVersion {version!r} is not up to 4 numbers separated by dots")
    minimum = script.setup("MinVersion")
    if minimum is not None and not re.fullmatch(r"\d+\.\d+(\.\d+)?", minimum):
        need(f"MinVersion {minimum!r} is not major.minor[.build]")
    icon = script.setup("UninstallDisplayIcon")
    if icon and _app_file(icon) not in layout.files:
        need(f"UninstallDisplayIcon {icon} is not a file the spec puts in the program folder")


def _check_languages(script: Script, root: Path) -> None:
    need = script.problems.append
    languages = script.entries.get("languages", [])
    if not languages or languages[0].get("Name").lower() != CHINESE:
        need(f"[Languages]: Simplified Chinese ({CHINESE}) must be the first language")
    names = [entry.get("Name").lower() for entry in languages]
    if "english" not in names:
        need("[Languages]: English (english) is missing")
    for entry in languages:
        for file in entry.get("MessagesFile").split(","):
            _check_messages_file(file.strip(), entry, script, root)


def _check_messages_file(file: str, entry: Entry, script: Script, root: Path) -> None:
    need = script.problems.append
    if file.lower().startswith("compiler:"):
        name = file[len("compiler:") :].lower()
        since = COMPILER_MESSAGES_SINCE.get(name)
        if since is None:
            need(f"line {entry.line}: {file} does not ship with Inno Setup")
            return
        if since > (6, 0, 0) and _required_version(script) < since:
            wanted = ", ".join(str(n) for n in since)
            need(
                f"line {entry.line}: {file} ships with Inno Setup only since "
                f"{'.'.join(map(str, since))}: stop older compilers with "
                f"#if Ver < EncodeVer({wanted}) and #error"
            )
        return
    path = root.joinpath(*SCRIPT_DIR, *PureWindowsPath(file).parts)
    if not path.is_file():
        need(f"line {entry.line}: messages file {file} does not exist")
    elif entry.get("Name").lower() == CHINESE:
        text = decode(path.read_bytes(), script.problems) or ""
        if not re.search(r"^LanguageID=\$0804\s*$", text, re.M):
            need(f"line {entry.line}: {file} is not Simplified Chinese (LanguageID=$0804)")


def _required_version(script: Script) -> tuple[int, ...]:
    """The oldest Inno Setup the guards let compile the script."""
    best: tuple[int, ...] = (6, 0, 0)
    for _, expression in script.guards:
        match = re.fullmatch(r"Ver\s*<\s*EncodeVer\((\d+),\s*(\d+)(?:,\s*(\d+))?\)", expression)
        if match:
            version = tuple(int(n or 0) for n in match.groups())
            best = max(best, version)
    return best


def _check_texts(script: Script) -> None:
    """Our messages: defined for every language, Chinese in Chinese, placeholders Inno reads."""
    need = script.problems.append
    languages = [entry.get("Name").lower() for entry in script.entries.get("languages", [])]
    defined: dict[str, set[str]] = {}
    for section in ("messages", "custommessages"):
        for number, key, value in script.keys.get(section, []):
            language, _, name = key.rpartition(".")
            language = language.lower()
            if language and language not in languages:
                need(f"line {number}: {key}: no language {language} in [Languages]")
            for target in [language] if language else languages:
                defined.setdefault(name, set()).add(target)
            if language == CHINESE and not CJK.search(value):
                need(f"line {number}: {key} is not in Chinese: {value!r}")
            if language == "english" and CJK.search(value):
                need(f"line {number}: {key} is the English text but holds Chinese: {value!r}")
            for placeholder in re.findall(r"%(.?)", value.replace("%%", "")):
                if not re.fullmatch(r"[1-9n]", placeholder):
                    need(f"line {number}: {key}: %{placeholder} (write %% for a percent sign)")
    for name, where in defined.items():
        missing = [language for language in languages if language not in where]
        if missing:
            need(f"the message {name} has no text in {', '.join(missing)}")
    used = {c[3:].split(",")[0] for values in _all_values(script) for c in constants(values)
            if c.startswith("cm:")}  # fmt: skip
    for name in sorted(used - defined.keys() - BUILTIN_CUSTOM_MESSAGES):
        need(f"{{cm:{name}}} is used but [CustomMessages] does not define {name}")


def _all_values(script: Script) -> Iterable[str]:
    for entries in script.entries.values():
        for entry in entries:
            yield from entry.params.values()
    for _, _, value in script.keys.get("setup", []):
        yield value


def _check_files(script: Script, root: Path, layout: Layout) -> None:
    need = script.problems.append
    covered: set[str] = set()
    files = script.entries.get("files", [])
    if not files:
        need("[Files] installs nothing")
    for entry in files:
        source = entry.get("Source")
        if not entry.get("DestDir").lower().startswith("{app}"):
            need(f"line {entry.line}: DestDir {entry.get('DestDir')} is outside the program folder")
        if PureWindowsPath(source).is_absolute():
            need(f"line {entry.line}: Source {source} is an absolute path of one build machine")
            continue
        path = posixpath.normpath(posixpath.join(*SCRIPT_DIR, *PureWindowsPath(source).parts))
        if path == layout.folder or path.startswith(layout.folder + "/"):
            relative = posixpath.relpath(path, layout.folder)
            matched = _match(relative, layout.files, "recursesubdirs" in entry.flags)
            if not matched:
                need(
                    f"line {entry.line}: Source {source} matches nothing build/ducha.spec puts in "
                    f"{layout.folder}"
                )
            covered |= matched
        elif not list(root.glob(path)):
            need(f"line {entry.line}: Source {source} does not exist ({path})")
    missing = sorted(layout.files - covered)
    if missing:
        need(f"[Files] leaves out what the spec builds: {', '.join(missing[:5])}")


def _match(pattern: str, files: frozenset[str], recurse: bool) -> set[str]:
    """The files of the bundle an Inno Source pattern takes (folder/pattern; with
    recursesubdirs, the pattern is matched in that folder and every folder below)."""
    folder, _, name = pattern.rpartition("/")
    folder = "" if folder == "." else folder
    taken = set()
    for file in files:
        file_folder, _, file_name = file.rpartition("/")
        inside = file_folder == folder or (
            recurse and (not folder or file_folder.startswith(folder + "/"))
        )
        if inside and fnmatch.fnmatchcase(file_name.lower(), name.lower()):
            taken.add(file)
    return taken


def _app_file(value: str) -> str:
    """`{app}\\ducha.exe` as a path in the bundle ("ducha.exe"), else "" (not in {app})."""
    if not value.lower().startswith("{app}\\"):
        return ""
    return "/".join(PureWindowsPath(value[len("{app}\\") :]).parts)


def _check_shortcuts(script: Script, layout: Layout) -> None:
    need = script.problems.append
    window = layout.executables[0]
    targets = set()
    for entry in script.entries.get("icons", []):
        name, target = entry.get("Name"), entry.get("Filename")
        location = constants(name)[0] if name.startswith("{") else ""
        if location not in {"group", "autodesktop", "autoprograms", "commondesktop",
                            "commonprograms"}:  # fmt: skip
            need(f"line {entry.line}: shortcut {name} is not in the Start menu or on the desktop")
        if location in {"autodesktop", "commondesktop"} and not entry.get("Tasks"):
            need(f"line {entry.line}: the desktop shortcut must be optional (Tasks: ...)")
        if target.lower() == "{uninstallexe}":
            targets.add(("uninstall", location))
        elif _app_file(target) in layout.executables:
            targets.add((_app_file(target), location))
        else:
            need(f"line {entry.line}: shortcut {name} starts {target}, no executable of the spec")
    if (window, "group") not in targets:
        need(f"[Icons]: no Start-menu shortcut to {{app}}\\{window}")
    if ("uninstall", "group") not in targets:
        need("[Icons]: no Start-menu shortcut to the uninstaller ({uninstallexe})")
    for entry in script.entries.get("run", []):
        if _app_file(entry.get("Filename")) not in layout.executables:
            need(f"line {entry.line}: [Run] starts {entry.get('Filename')}, not the spec's")
        if "runascurrentuser" in entry.flags:
            need(f"line {entry.line}: [Run] runascurrentuser starts the app as the administrator")
        if "postinstall" in entry.flags and "skipifsilent" not in entry.flags:
            need(
                f"line {entry.line}: [Run] postinstall needs skipifsilent (a silent install by a "
                "startup script would start 督查 as SYSTEM)"
            )
    for section in ("files", "icons", "run", "dirs", "registry"):
        for entry in script.entries.get(section, []):
            for value in entry.params.values():
                used = USER_AREA_CONSTANTS.intersection(constants(value))
                if used:
                    need(
                        f"line {entry.line}: [{SECTIONS[section]}] uses {{{sorted(used)[0]}}}: "
                        "in a per-machine install that is the administrator's profile"
                    )


def _check_deletes(script: Script, folder: str) -> None:
    """Deleting is allowed only inside the program folder: never the user's data folder."""
    need = script.problems.append
    for section in ("installdelete", "uninstalldelete"):
        for entry in script.entries.get(section, []):
            name, kind = entry.get("Name"), entry.get("Type").lower()
            where = f"line {entry.line}: [{SECTIONS[section]}]"
            if kind not in DELETE_TYPES:
                need(f"{where} Type {kind} is not one of {', '.join(sorted(DELETE_TYPES))}")
            root = constants(name)[0].split("|")[0].lower() if name.startswith("{") else ""
            if root in DATA_ROOTS or folder.lower() in name.lower():
                need(
                    f"{where} deletes {name}: that is where the user's data lives "
                    f"({{userappdata}}\\{folder}); it must survive upgrades and the uninstaller"
                )
            elif not name.lower().startswith("{app}\\") or ".." in PureWindowsPath(name).parts:
                need(
                    f"line {entry.line}: [{SECTIONS[section]}] deletes {name}, outside the program "
                    "folder"
                )
    organisation = folder.split("\\")[0].lower()
    for entry in script.entries.get("registry", []):
        subkey = entry.get("Subkey").lower()
        if subkey.startswith(f"software\\{organisation}"):
            need(
                f"line {entry.line}: [Registry] touches {entry.get('Subkey')}: the app's settings "
                "(QSettings) live there"
            )
    for entry in script.entries.get("dirs", []):
        if {"uninsalwaysuninstall", "deleteafterinstall"} & entry.flags and not entry.get(
            "Name"
        ).lower().startswith("{app}\\"):
            need(f"line {entry.line}: [Dirs] removes {entry.get('Name')}, outside {{app}}")


def _check_build_script(root: Path) -> list[str]:
    text = (root / "build" / "windows" / "build.ps1").read_text(encoding="utf-8")
    problems = []
    if not re.search(r"/DAppVersion=", text):
        problems.append("build.ps1 does not pass /DAppVersion= to ISCC")
    if not re.search(r"build[\\/]windows[\\/]ducha\.iss", text):
        problems.append("build.ps1 does not compile build\\windows\\ducha.iss")
    if not re.search(r"build[\\/]ducha\.spec", text):
        problems.append("build.ps1 does not build build\\ducha.spec")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("script", nargs="?", type=Path, default=SCRIPT)
    args = parser.parse_args(argv)
    problems = check(args.script.read_bytes())
    for problem in problems:
        print(f"{args.script}: {problem}", file=sys.stderr)
    if problems:
        print(f"check_iss: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    layout = bundle_layout(ROOT, build_distpath(ROOT))
    print(
        f"check_iss: {args.script.name} OK: per machine, x64, Chinese first; installs "
        f"{layout.folder} ({', '.join(layout.executables)}, {len(layout.files)} files the spec "
        f"declares); deletes nothing outside the program folder (data: "
        f"%APPDATA%\\{data_folder(ROOT)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
