@echo off
rem The CVOS command line: backup, restore, migrate-to-shared (cvos.bat --help lists them).
setlocal
call "%~dp0cvos-env.bat" || exit /b 1
if not defined CVOS_CLI_JAVA_OPTS set "CVOS_CLI_JAVA_OPTS=-Xmx512m"
"%JAVA%" %CVOS_CLI_JAVA_OPTS% "-Dcvos.home=%CVOS_HOME%" "-Dlogback.configurationFile=%CVOS_HOME%\conf\logback-cli.xml" -cp "%CVOS_HOME%\lib\*" dev.cvos.server.cli.CvosCommand %*
exit /b %errorlevel%
