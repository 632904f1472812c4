@echo off
rem Says whether CVOS is running. Exit codes: 0 running; 3 not running.
setlocal
call "%~dp0cvos-env.bat" || exit /b 1
if defined CVOS_PID (
  echo CVOS is running ^(pid %CVOS_PID%^)
  exit /b 0
)
echo CVOS is not running
exit /b 3
