@rem Shared by start.bat, stop.bat, status.bat and cvos.bat (called, not run).
@rem Environment (all optional): JAVA_HOME, CVOS_JAVA_OPTS (default -Xmx1g), CVOS_CONFIG,
@rem CVOS_PID_FILE, CVOS_START_TIMEOUT (default 180), CVOS_STOP_TIMEOUT (default 60).
for %%I in ("%~dp0..") do set "CVOS_HOME=%%~fI"
if not defined CVOS_CONFIG set "CVOS_CONFIG=%CVOS_HOME%\conf\cvos.yaml"
if not defined CVOS_PID_FILE set "CVOS_PID_FILE=%CVOS_HOME%\var\run\cvos.pid"
set "CVOS_LOG_DIR=%CVOS_HOME%\var\log"
if not defined CVOS_JAVA_OPTS set "CVOS_JAVA_OPTS=-Xmx1g"
if not defined CVOS_START_TIMEOUT set "CVOS_START_TIMEOUT=180"
if not defined CVOS_STOP_TIMEOUT set "CVOS_STOP_TIMEOUT=60"
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java.exe")
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo cvos: no java found: install Java 17 or later, or set JAVA_HOME 1>&2
  exit /b 1
)
rem CVOS_PID: the pid of the running server, or empty (a stale pid file is removed).
set "CVOS_PID="
if exist "%CVOS_PID_FILE%" (
  set /p CVOS_PID=<"%CVOS_PID_FILE%"
)
if defined CVOS_PID (
  tasklist /FI "PID eq %CVOS_PID%" /FI "IMAGENAME eq java.exe" 2>nul | find "%CVOS_PID%" >nul
  if errorlevel 1 (
    set "CVOS_PID="
    del /q "%CVOS_PID_FILE%" >nul 2>&1
  )
)
exit /b 0
