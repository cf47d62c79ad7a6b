# Build the Windows installer of Ducha (督查) on a Windows build machine (x64, PowerShell 5.1 or 7):
#   1. the environment from uv.lock (uv sync --locked, Python 3.11),
#   2. the PyInstaller folder build-out\dist\ducha\ from build\ducha.spec,
#   3. a smoke test of it (ducha-cli.exe --version, a demo store),
#   4. the installer build-out\installer\ducha-setup-<version>-x64.exe from build\windows\ducha.iss.
#
#   powershell -ExecutionPolicy Bypass -File build\windows\build.ps1 [-Iscc PATH] [-SignCommand CMD]
#
# Needs: uv (https://docs.astral.sh/uv/) on PATH; Inno Setup 7.0.2 or later (ISCC.exe; found in
# Program Files unless -Iscc is given); a Chinese TrueType font in resources\fonts\ (README
# "Desktop bundle"). -SignCommand, e.g.
#   "signtool.exe sign /fd sha256 /f C:\keys\ducha.pfx /p PASSWORD /tr http://timestamp.example /td sha256 `$f"
# signs ducha.exe and ducha-cli.exe (with $f replaced by each file), then Setup and the
# uninstaller (through ISCC's /S). Written on Linux and never run: README "Windows installer".
param(
    [string]$Iscc = "",
    [string]$SignCommand = ""
)
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")

function Fail([string]$message) {
    [Console]::Error.WriteLine("FAIL: $message")
    exit 1
}

function Run([string]$what, [scriptblock]$command) {
    Write-Host "== $what"
    & $command
    if ($LASTEXITCODE -ne 0) { Fail "$what exited $LASTEXITCODE" }
}

# Inno Setup: 7.0.2 or later ships the Simplified Chinese messages (ducha.iss also refuses older).
if (-not $Iscc) {
    $Iscc = @(
        "$env:ProgramFiles\Inno Setup 7\ISCC.exe",
        "${env:ProgramFiles(x86)}\Inno Setup 7\ISCC.exe"
    ) | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc -or -not (Test-Path $Iscc)) { Fail "ISCC.exe of Inno Setup 7.0.2 or later not found (give -Iscc PATH)" }
if (-not (Test-Path (Join-Path (Split-Path $Iscc) "Languages\ChineseSimplified.isl"))) {
    Fail "$Iscc has no Languages\ChineseSimplified.isl: install Inno Setup 7.0.2 or later"
}
if (-not (Get-Command uv -ErrorAction SilentlyContinue)) { Fail "uv is not on PATH" }
if (-not (Get-ChildItem resources\fonts -Include *.ttf, *.ttc -Recurse -ErrorAction SilentlyContinue)) {
    Fail "no Chinese font (.ttf/.ttc) in resources\fonts\: documents would not print (README 'Desktop bundle')"
}

Run "environment: uv sync --locked" { uv sync --locked --all-extras --python 3.11 --quiet }
$python = ".venv\Scripts\python.exe"
$version = & $python -c "from importlib.metadata import version; print(version('ducha'))"
if ($version -notmatch '^\d+(\.\d+){0,3}$') {
    Fail "version '$version' (pyproject.toml) is not numbers and dots: Windows' version fields need that"
}

Run "bundle: pyinstaller build\ducha.spec" {
    .venv\Scripts\pyinstaller.exe --noconfirm --clean --log-level WARN `
        --workpath build-out\work --distpath build-out\dist build\ducha.spec
}
$bundle = "build-out\dist\ducha"
foreach ($file in "ducha.exe", "ducha-cli.exe", "_internal\resources\translations\ducha_zh_CN.qm",
                  "_internal\resources\templates\city_fine_management_v1.json") {
    if (-not (Test-Path "$bundle\$file")) { Fail "missing from the bundle: $file" }
}
$got = & "$bundle\ducha-cli.exe" --version
if ($got -ne "ducha $version") { Fail "ducha-cli.exe --version printed '$got', expected 'ducha $version'" }
$store = Join-Path $env:TEMP "ducha-build-demo"
Remove-Item -Recurse -Force $store -ErrorAction SilentlyContinue
Run "bundle: ducha-cli.exe demo" { & "$bundle\ducha-cli.exe" demo --data-dir $store --today 2026-11-20 }
Remove-Item -Recurse -Force $store

$signArgs = @()
if ($SignCommand) {
    foreach ($exe in "ducha.exe", "ducha-cli.exe") {
        $line = $SignCommand.Replace('$f', "`"$bundle\$exe`"")
        Run "sign $exe" { cmd /c $line }
    }
    $signArgs = @("/DSign", "/Sducha=$SignCommand")
}

Run "installer: ISCC build\windows\ducha.iss" {
    & $Iscc /Q "/DAppVersion=$version" @signArgs build\windows\ducha.iss
}
$setup = "build-out\installer\ducha-setup-$version-x64.exe"
if (-not (Test-Path $setup)) { Fail "$setup was not made" }
Write-Host "== $setup ($([math]::Round((Get-Item $setup).Length / 1MB)) MB)"
