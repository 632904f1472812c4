@echo off
rem Stops CVOS. Windows has no SIGTERM for a process without a console: taskkill first asks it to
rem close, and after CVOS_STOP_TIMEOUT seconds ends it (/F). An upload cut this way is discarded
rem whole; no partial object is ever left.
rem Exit codes: 0 stopped; 1 it was not running; 2 it had to be ended forcefully.
setlocal
call "%~dp0cvos-env.bat" || exit /b 1
if not defined CVOS_PID (
  echo CVOS is not running ^(no live process in %CVOS_PID_FILE%^) 1>&2
  exit /b 1
)
echo Stopping CVOS ^(pid %CVOS_PID%^) ...
taskkill /PID %CVOS_PID% >nul 2>&1
set /a waited=0
:wait
tasklist /FI "PID eq %CVOS_PID%" 2>nul | find "%CVOS_PID%" >nul
if errorlevel 1 goto stopped
if %waited% geq %CVOS_STOP_TIMEOUT% goto kill
timeout /t 1 /nobreak >nul
set /a waited+=1
goto wait

:kill
echo CVOS ^(pid %CVOS_PID%^) did not stop within %CVOS_STOP_TIMEOUT%s; ending it 1>&2
taskkill /PID %CVOS_PID% /F >nul 2>&1
del /q "%CVOS_PID_FILE%" >nul 2>&1
exit /b 2

:stopped
del /q "%CVOS_PID_FILE%" >nul 2>&1
echo CVOS stopped
exit /b 0
