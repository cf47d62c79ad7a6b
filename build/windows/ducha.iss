; Ducha (督查) for Windows: the installer of the PyInstaller folder build/ducha.spec makes.
;
; Built by build/windows/build.ps1 on a Windows machine with Inno Setup 7.0.2 or later:
;   ISCC.exe /DAppVersion=0.1.0 build\windows\ducha.iss
; It installs per machine, for every user, into C:\Program Files\Ducha (64-bit), with a Start-menu
; folder 督查 (督查, 卸载督查), an optional desktop icon, and texts in Simplified Chinese (or English
; on an English Windows). build/windows/check_iss.py checks this file on Linux (CI): sections,
; parameters, flags, the file list against the spec's output, the languages, the delete entries.
; It has never been compiled or run here: see README "Windows installer" for what is untested.
;
; The user's data is never touched, neither by an upgrade nor by the uninstaller. The app keeps
; each user's store, photos, logs and keys in that user's AppData folder,
;   %APPDATA%\Ducha\Ducha  (QStandardPaths' AppDataLocation for organisation and application
;                           "Ducha", app/settings.py; {userappdata}\Ducha\Ducha here)
; and its preferences in HKEY_CURRENT_USER\Software\Ducha\Ducha (QSettings). This script installs
; nothing there, deletes nothing there ([InstallDelete] and [UninstallDelete] name only folders
; inside {app}), writes no registry values and has no [Code]: the uninstaller removes the program
; folder and the shortcuts, and the records and photos are there again after a reinstall.
;
; County IT, silent install (as an administrator; exit code 0 on success):
;   ducha-setup-0.1.0-x64.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LANG=chinesesimplified
;       [/DIR="D:\Programs\Ducha"] [/TASKS=desktopicon] [/LOG="C:\Windows\Temp\ducha-setup.log"]
; and silent removal: "C:\Program Files\Ducha\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; An upgrade is the newer installer run the same way: it finds the same AppId, reuses the folder,
; closes a running 督查 (Windows Restart Manager) and replaces the program.
; Always per machine: there is no /CURRENTUSER mode (PrivilegesRequiredOverridesAllowed is not
; set), so /ALLUSERS is neither needed nor accepted. Group Policy's "Software installation" takes
; only .msi packages: deploy this .exe with a computer startup script (GPO), or with the county's
; software-distribution tool, using the silent command above.

; The version comes from the build (build.ps1 reads it from the built ducha package).
#ifndef AppVersion
  #error Pass the version: ISCC.exe /DAppVersion=X.Y.Z build\windows\ducha.iss (build.ps1 does)
#endif
; The Simplified Chinese messages ship with Inno Setup only since 7.0.2 (Languages\ChineseSimplified.isl;
; in Inno Setup 6 it was an unofficial download).
#if Ver < EncodeVer(7, 0, 2)
  #error Inno Setup 7.0.2 or later is needed: it ships the official Simplified Chinese messages
#endif
; The PyInstaller folder: build.ps1 runs pyinstaller with --distpath build-out\dist; the spec's
; COLLECT(name="ducha") makes build-out\dist\ducha.
#ifndef DistDir
  #define DistDir "..\..\build-out\dist\ducha"
#endif
#define AppExe "ducha.exe"

[Setup]
; Fixed forever: upgrades and the uninstaller find the installation by it ("{{" is a literal "{").
AppId={{C6E9E4A9-BC3B-472E-A40A-F0915F5520C4}
AppName={cm:AppName}
AppVersion={#AppVersion}
AppPublisher=Ducha
VersionInfoVersion={#AppVersion}
VersionInfoProductName=督查 Ducha
VersionInfoDescription=督查 Ducha Setup
; Per machine, 64-bit: C:\Program Files\Ducha, shortcuts for all users.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 1809 (build 17763) and later.
MinVersion=10.0.17763
DefaultDirName={autopf}\Ducha
DefaultGroupName={cm:AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={cm:AppName}
UninstallDisplayIcon={app}\{#AppExe}
; The language is Windows' display language (Chinese, else English); the dialog shows only when
; neither matches. /LANG=chinesesimplified forces Chinese in a silent install.
ShowLanguageDialog=auto
; A running 督查 is closed before its files are replaced, and not restarted by Setup (it would
; start as the administrator who installs).
CloseApplications=yes
RestartApplications=no
OutputDir=..\..\build-out\installer
OutputBaseFilename=ducha-setup-{#AppVersion}-x64
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Code signing (untested): build.ps1 -SignCommand "signtool.exe sign /fd sha256 /f key.pfx
; /tr http://timestamp.example /td sha256 $f" signs ducha.exe and ducha-cli.exe before this
; script runs, then passes /DSign and /Sducha=<that command>, which signs Setup and the
; uninstaller here.
#ifdef Sign
SignTool=ducha
SignedUninstaller=yes
#endif

[Languages]
; Chinese first: the default when Windows' language is neither Chinese nor English.
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Messages]
; The uninstaller says the data stays (the standard texts speak of removing "all of its components").
chinesesimplified.ConfirmUninstall=确定要卸载 %1 吗？%n%n您的督查记录、照片和设置保留在本机（用户的 AppData\Roaming\Ducha 文件夹），重新安装后可以继续使用。
english.ConfirmUninstall=Are you sure you want to uninstall %1?%n%nYour inspections, photos and settings stay on this computer (the user's AppData\Roaming\Ducha folder) and are there again after a reinstall.
chinesesimplified.UninstalledAll=已从您的计算机上卸载 %1。%n%n您的督查记录、照片和设置仍保留在本机。
english.UninstalledAll=%1 was removed from your computer.%n%nYour inspections, photos and settings are still on this computer.

[CustomMessages]
chinesesimplified.AppName=督查
english.AppName=Ducha
chinesesimplified.UninstallShortcut=卸载督查
english.UninstallShortcut=Uninstall Ducha

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade first removes the previous version's libraries, so none of them outlives it. Only
; inside the program folder.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole PyInstaller folder: ducha.exe (the window), ducha-cli.exe (console: --version, demo,
; export, import) and _internal\ (Python, Qt, resources).
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallShortcut}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; Runs as the user who started Setup, not as the administrator (the default for postinstall
; entries), so the first store is made in that user's AppData.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; What the program may have left in its own folder (nothing else: never the user's data).
Type: filesandordirs; Name: "{app}\_internal"
