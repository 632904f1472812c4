@echo off
rem Starts CVOS in the background and returns once it answers /health/ready with 200.
rem Exit codes: 0 started; 1 already running, or it failed to start (the log's last lines are shown).
setlocal
call "%~dp0cvos-env.bat" || exit /b 1
if defined CVOS_PID (
  echo CVOS is already running ^(pid %CVOS_PID%^); run bin\stop.bat first to restart it 1>&2
  exit /b 1
)
if not exist "%CVOS_HOME%\var\run" mkdir "%CVOS_HOME%\var\run"
if not exist "%CVOS_LOG_DIR%" mkdir "%CVOS_LOG_DIR%"
rem PowerShell starts java without a console window and tells its pid.
powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$p = Start-Process -FilePath $env:JAVA -WorkingDirectory $env:CVOS_HOME -WindowStyle Hidden -PassThru" ^
  "-RedirectStandardOutput (Join-Path $env:CVOS_LOG_DIR 'console.log')" ^
  "-RedirectStandardError (Join-Path $env:CVOS_LOG_DIR 'console-err.log')" ^
  "-ArgumentList @($env:CVOS_JAVA_OPTS, ('\"-Dcvos.home=' + $env:CVOS_HOME + '\"')," ^
  "('\"-Dlogback.configurationFile=' + $env:CVOS_HOME + '\conf\logback.xml\"')," ^
  "'-cp', ('\"' + $env:CVOS_HOME + '\lib\*\"'), 'dev.cvos.server.CvosServer', ('\"' + $env:CVOS_CONFIG + '\"'));" ^
  "Set-Content -Path $env:CVOS_PID_FILE -Value $p.Id -NoNewline"
if errorlevel 1 (
  echo CVOS could not be started 1>&2
  exit /b 1
)
set /p CVOS_PID=<"%CVOS_PID_FILE%"
echo CVOS starting ^(pid %CVOS_PID%^), waiting for /health/ready ...
call "%~dp0cvos.bat" wait-ready --config "%CVOS_CONFIG%" --pid %CVOS_PID% --timeout %CVOS_START_TIMEOUT%
if errorlevel 1 goto failed
echo CVOS started ^(pid %CVOS_PID%^); logs in %CVOS_LOG_DIR%
exit /b 0

:failed
echo CVOS did not start. The last lines of %CVOS_LOG_DIR%\server.log: 1>&2
powershell -NoProfile -Command "Get-Content -Tail 25 (Join-Path $env:CVOS_LOG_DIR 'server.log')" 1>&2
taskkill /PID %CVOS_PID% /F >nul 2>&1
del /q "%CVOS_PID_FILE%" >nul 2>&1
exit /b 1
