@echo off
rem Labyrint: starts the editors' preview on Windows and opens it in the
rem browser. Put this file and labyrint.exe in the site's folder (the one
rem with site.yaml), or drag the site's folder onto this file.
setlocal
set "HERE=%~dp0"
set "SITE=%~1"
if "%SITE%"=="" set "SITE=%HERE%"
if not exist "%SITE%\site.yaml" (
  echo Fandt ikke site.yaml i "%SITE%".
  echo Laeg denne fil og labyrint.exe i sitets mappe, eller traek sitets mappe hen paa filen.
  pause
  exit /b 1
)
set "EXE=%HERE%labyrint.exe"
if not exist "%EXE%" set "EXE=%SITE%\labyrint.exe"
if not exist "%EXE%" (
  echo Fandt ikke labyrint.exe ved siden af denne fil.
  pause
  exit /b 1
)
echo Starter forhaandsvisningen af "%SITE%" ...
echo Browseren aabner, naar siden er bygget. Luk vinduet eller tryk Ctrl+C for at stoppe.
rem Opens the browser once the preview answers (the first build takes a moment).
start "" /b powershell -NoProfile -Command "for($i=0;$i -lt 300;$i++){try{$null=Invoke-WebRequest -UseBasicParsing -TimeoutSec 2 http://127.0.0.1:8080/;Start-Process 'http://127.0.0.1:8080/';break}catch{Start-Sleep -Milliseconds 500}}"
"%EXE%" serve --source "%SITE%" --port 8080
if errorlevel 1 pause
