; Per-user setup.exe (no admin rights): %LOCALAPPDATA%\Programs\KyosoDesktop, HKCU uninstall entry.
; Built by installer/build.py with:
;   makensis -DSOURCE=<onedir> -DOUTFILE=<exe> -DVERSION=<x.y.z> -DICON=<ico>
;            -DFILES=<files.nsh> [-DSIGN=<command signing %1>]
; FILES (generated from the bundle) lists every installed file and folder: the uninstaller
; removes exactly those, then each folder only if it is empty. It never removes a folder
; recursively, so a folder chosen with /D= that held other files keeps them. The installer
; refuses a folder that is not empty unless it holds an earlier Kyoso Desktop.
Unicode true
Target amd64-unicode
RequestExecutionLevel user
SetCompressor /SOLID lzma
ManifestDPIAware true
!include "LogicLib.nsh"
!include "FileFunc.nsh"

Name "Kyoso Desktop"
OutFile "${OUTFILE}"
Icon "${ICON}"
UninstallIcon "${ICON}"
InstallDir "$LOCALAPPDATA\Programs\KyosoDesktop"
!ifdef SIGN
!uninstfinalize '${SIGN} "%1"'
!endif

; The first language is the default; NSIS picks the one of the user's Windows.
LoadLanguageFile "${NSISDIR}\Contrib\Language files\Japanese.nlf"
LoadLanguageFile "${NSISDIR}\Contrib\Language files\English.nlf"
Name /LANG=${LANG_JAPANESE} "共創PF 参加アシスタント (Kyoso Desktop)"
Name /LANG=${LANG_ENGLISH} "Kyoso Desktop"
LangString NotEmpty ${LANG_JAPANESE} "インストール先のフォルダー $INSTDIR には、すでに別のファイルがあります。空のフォルダーか、新しいフォルダーを選んでください。"
LangString NotEmpty ${LANG_ENGLISH} "The folder $INSTDIR already holds other files. Choose an empty or a new folder."
LangString ShortcutName ${LANG_JAPANESE} "共創PF 参加アシスタント"
LangString ShortcutName ${LANG_ENGLISH} "Kyoso Desktop"

!define COPYRIGHT "Copyright (C) 2026 Kyoso Desktop developers"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_JAPANESE} "ProductName" "Kyoso Desktop"
VIAddVersionKey /LANG=${LANG_JAPANESE} "CompanyName" "Kyoso Desktop developers"
VIAddVersionKey /LANG=${LANG_JAPANESE} "LegalCopyright" "${COPYRIGHT}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "FileDescription" "Kyoso Desktop setup (per user)"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\KyosoDesktop"
!define MARKER "kyoso-desktop.install"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Function .onInit
  ; a user on an English Windows gets English; everyone else Japanese
  System::Call 'kernel32::GetUserDefaultUILanguage() h .r0'
  ${If} $0 = 1041
    StrCpy $LANGUAGE ${LANG_JAPANESE}
  ${Else}
    StrCpy $LANGUAGE ${LANG_ENGLISH}
  ${EndIf}
FunctionEnd

; An earlier Kyoso Desktop in the folder, or an empty (or new) folder: else refuse.
Function CheckTarget
  ${DirState} "$INSTDIR" $0
  ${If} $0 = 1
  ${AndIfNot} ${FileExists} "$INSTDIR\${MARKER}"
  ${AndIfNot} ${FileExists} "$INSTDIR\kyoso-desktop.exe"
    MessageBox MB_ICONSTOP|MB_OK "$(NotEmpty)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
FunctionEnd

Section "Kyoso Desktop"
  SetShellVarContext current
  Call CheckTarget
  ; an earlier install of this kind: its own uninstaller removes exactly its files first
  ${If} ${FileExists} "$INSTDIR\${MARKER}"
  ${AndIf} ${FileExists} "$INSTDIR\uninstall.exe"
    ExecWait '"$INSTDIR\uninstall.exe" /S _?=$INSTDIR'
  ${EndIf}
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*.*"
  FileOpen $1 "$INSTDIR\${MARKER}" w
  FileWrite $1 "Kyoso Desktop ${VERSION}$\r$\n"
  FileClose $1
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\$(ShortcutName).lnk" "$INSTDIR\kyoso-desktop.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "ShortcutName" "$(ShortcutName)"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "$(^Name)"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\kyoso-desktop.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "Kyoso Desktop developers"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Function un.onInit
  System::Call 'kernel32::GetUserDefaultUILanguage() h .r0'
  ${If} $0 = 1041
    StrCpy $LANGUAGE ${LANG_JAPANESE}
  ${Else}
    StrCpy $LANGUAGE ${LANG_ENGLISH}
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  ReadRegStr $0 HKCU "${UNINSTKEY}" "ShortcutName"
  ${If} $0 != ""
    Delete "$SMPROGRAMS\$0.lnk"
  ${EndIf}
  !include "${FILES}"
  Delete "$INSTDIR\${MARKER}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd
