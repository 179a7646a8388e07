@echo off
rem Starts an mqbook broker in the foreground: bin\mqbroker.cmd [-c FILE] [-n ADDR] [-p|-m] [-h]
rem The Windows twin of bin/mqbroker; read that file for the options and the build step
rem (mvn -q -DskipTests package). Honours JAVA_OPTS, JAVA_HOME and MQBOOK_CLASSPATH_FILE.
setlocal
set "ROOT=%~dp0.."
set "CP_FILE=%ROOT%\target\classpath.txt"
if defined MQBOOK_CLASSPATH_FILE set "CP_FILE=%MQBOOK_CLASSPATH_FILE%"
if not exist "%ROOT%\target\classes\org\mqbook\broker\BrokerStartup.class" goto build
if not exist "%CP_FILE%" goto build
goto run
:build
echo Building mqbook and its runtime classpath (mvn -q compile dependency:build-classpath)... 1>&2
pushd "%ROOT%"
call mvn -q compile dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt
if errorlevel 1 (
  popd
  echo Build failed; build it from %ROOT% with: mvn -q -DskipTests package 1>&2
  exit /b 1
)
popd
:run
for /f "usebackq delims=" %%i in ("%CP_FILE%") do set "CP=%%i"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" -Drocketmq.home.dir="%ROOT%" %JAVA_OPTS% -cp "%ROOT%\target\classes;%CP%" org.mqbook.broker.BrokerStartup %*
