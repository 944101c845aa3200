; Per-user setup.exe (no admin rights): %LOCALAPPDATA%\Programs\KyosoDesktop, HKCU uninstall entry.
; Built by installer/build.py with: makensis -DSOURCE=<onedir> -DOUTFILE=<exe> -DVERSION=<x.y.z>
Unicode true
Target amd64-unicode
RequestExecutionLevel user
SetCompressor /SOLID lzma
Name "Kyoso Desktop"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\KyosoDesktop"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Kyoso Desktop"
VIAddVersionKey "CompanyName" "Kyoso Desktop developers"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "Kyoso Desktop setup (per user)"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\KyosoDesktop"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "Kyoso Desktop"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\Kyoso Desktop"
  CreateShortcut "$SMPROGRAMS\Kyoso Desktop\Kyoso Desktop.lnk" "$INSTDIR\kyoso-desktop.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "Kyoso Desktop"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "Kyoso Desktop developers"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\Kyoso Desktop\Kyoso Desktop.lnk"
  RMDir "$SMPROGRAMS\Kyoso Desktop"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd
