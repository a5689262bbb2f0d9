"""A real Neo4j 5 LTS (Community 5.26) server on 127.0.0.1, for the test suite and for trying ipgraph.

Neo4j comes from Maven Central only (no neo4j.com tarball, no Docker): ``pom.xml`` beside this file
depends on ``org.neo4j:neo4j`` and ``Launcher.java`` starts that DBMS in a JVM with Bolt on a loopback
port. ``ensure_built()`` runs Maven once (about 170 MB into ~/.m2 the first time); later runs need no
network. Needs Java 17 or 21 (``java`` on PATH, or $JAVA_HOME, or $JAVA) and Maven (``mvn``, or $MVN).

From Python (stdlib only; the ``neo4j`` driver, if installed, is used for the readiness check)::

    server = start()                       # free port, temporary data dir, password DEFAULT_PASSWORD
    server.uri, server.user, server.password, server.pid
    server.kill(); server.restart()        # crash, then start again on the same data dir and port
    server.stop()                          # SIGTERM, clean shutdown (removes a temporary data dir)

In the foreground, to try the project against Neo4j without Neo4j Browser (stop with Ctrl-C)::

    python devtools/neo4j/server.py --port 7687 [--password ipgraph-test] [--data-dir ./neo4j-home]

then run Cypher through the Python driver, e.g.::

    python -c "import neo4j; d = neo4j.GraphDatabase.driver('bolt://127.0.0.1:7687',
        auth=('neo4j', 'ipgraph-test')); print(d.execute_query('RETURN 1 AS x').records)"

or through Neo4j's own cypher-shell (fetched from Maven Central as ``org.neo4j:cypher-shell``; the
``cypher-shell/`` folder beside this file; ``cypher_shell_command(uri, user, password)`` from Python)::

    python devtools/neo4j/server.py --build-only --cypher-shell --port 7687   # prints the command line

Plain Java, without this module (after a build)::

    java -Xmx1g -cp 'devtools/neo4j/target/classes:devtools/neo4j/target/dependency/*' \\
        ipgraph.devtools.neo4j.Launcher --port 7687 --home /tmp/neo4j-home --password ipgraph-test

Files: the data dir is the Neo4j home: HOME/data holds the stores, HOME/logs/debug.log is Neo4j's own
log, HOME/launcher.log is the launcher's stdout and stderr (each start appends to it).
Environment: IPGRAPH_NEO4J_JAVA_OPTS replaces the default JVM memory options (DEFAULT_JAVA_OPTS);
IPGRAPH_NEO4J_START_TIMEOUT (seconds, default 120) bounds the wait for Bolt.
Neo4j rules kept on purpose: a password has at least 8 characters. Relaxed on purpose: failed logins never
lock the account, so a wrong-password test does not disturb the tests after it.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import fcntl
import hashlib
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
SRC = HERE / "src"
TARGET = HERE / "target"
CLASSES = TARGET / "classes"
DEPENDENCIES = TARGET / "dependency"
STAMP = TARGET / ".ipgraph-build-stamp"
MAIN_CLASS = "ipgraph.devtools.neo4j.Launcher"

DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "ipgraph-test"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_START_TIMEOUT = 120.0
BUILD_TIMEOUT = 1800.0
_MVN_PROGRESS = ("[INFO] ---", "[INFO] BUILD", "[INFO] Total time", "[ERROR]", "[WARNING]")

# Modest memory for a 2-core CI machine: ~0.4 GB RSS after loading 20k nodes. Replaceable through
# $IPGRAPH_NEO4J_JAVA_OPTS. The page cache is set by the launcher (--pagecache, default 64m).
DEFAULT_JAVA_OPTS = ("-Xms64m", "-Xmx1g", "-XX:+UseSerialGC")
# What Neo4j's own start script passes on Java 17+; without them the page cache and Netty fall back to
# slower paths and the debug log fills with warnings.
REQUIRED_JAVA_OPTS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-XX:-OmitStackTraceInFastThrow",
)


class Neo4jError(RuntimeError):
    """The Neo4j test server could not be built, started or stopped."""


def _log(message: str) -> None:
    print(f"[neo4j-server] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------- build


def _source_digest() -> str:
    h = hashlib.sha256()
    for path in [POM, *sorted(p for p in SRC.rglob("*") if p.is_file())]:
        h.update(str(path.relative_to(HERE)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def is_built() -> bool:
    """True when target/ holds a launcher and jars built from the current pom.xml and sources."""
    try:
        stamp = STAMP.read_text().strip()
    except OSError:
        return False
    return (
        stamp == _source_digest()
        and (CLASSES / "ipgraph" / "devtools" / "neo4j" / "Launcher.class").is_file()
        and any(DEPENDENCIES.glob("neo4j-*.jar"))
    )


def _find_tool(env_var: str, name: str) -> str:
    if os.environ.get(env_var):
        return os.environ[env_var]
    if name == "java" and os.environ.get("JAVA_HOME"):
        candidate = Path(os.environ["JAVA_HOME"]) / "bin" / "java"
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise Neo4jError(f"`{name}` not found on PATH (set ${env_var}); the Neo4j test server needs it")
    return found


def _mvn_package(pom: Path, what: str) -> None:
    """``mvn package`` on pom (progress lines to stderr); Neo4jError with the last lines on failure."""
    mvn = _find_tool("MVN", "mvn")
    cmd = [mvn, "-B", "-ntp", "-f", str(pom), "package"]
    _log(f"building {what}: " + " ".join(cmd))
    started = time.monotonic()
    tail: deque[str] = deque(maxlen=60)
    try:
        proc = subprocess.Popen(
            cmd,
            cwd=pom.parent,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
    except OSError as exc:
        raise Neo4jError(f"could not run Maven ({mvn}): {exc}") from exc
    assert proc.stdout is not None
    timer = threading.Timer(BUILD_TIMEOUT, proc.kill)
    timer.start()
    try:
        for line in proc.stdout:
            line = line.rstrip()
            tail.append(line)
            if line.startswith(_MVN_PROGRESS):
                _log("mvn: " + line)
        rc = proc.wait()
    finally:
        timer.cancel()
    if rc != 0:
        raise Neo4jError(
            f"Maven build of {what} failed (exit {rc}; Maven Central reachable?). Last lines:\n"
            + "\n".join(tail)
        )
    _log(f"built {what} in {time.monotonic() - started:.1f} s")


def ensure_built() -> None:
    """Build the launcher with Maven unless target/ is already up to date. Progress goes to stderr."""
    if is_built():
        return
    TARGET.mkdir(parents=True, exist_ok=True)
    with open(TARGET / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test workers: one builds, the others wait
        if is_built():
            return
        # Drop old outputs so a version bump never leaves two Neo4j versions on the class path.
        for stale in (CLASSES, DEPENDENCIES, STAMP):
            if stale.is_dir():
                shutil.rmtree(stale)
            elif stale.exists():
                stale.unlink()
        _log("(the first build downloads about 170 MB from Maven Central into ~/.m2; later ones reuse it)")
        _mvn_package(POM, "the Neo4j launcher")
        if not any(DEPENDENCIES.glob("neo4j-*.jar")):
            raise Neo4jError("Maven finished but target/dependency holds no Neo4j jars")
        STAMP.write_text(_source_digest() + "\n")


# ------------------------------------------------------------------------------------- cypher-shell

SHELL_POM = HERE / "cypher-shell" / "pom.xml"
SHELL_TARGET = SHELL_POM.parent / "target"
SHELL_JARS = SHELL_TARGET / "dependency"
SHELL_STAMP = SHELL_TARGET / ".ipgraph-build-stamp"
SHELL_MAIN_CLASS = "org.neo4j.shell.Main"


def _shell_digest() -> str:
    return hashlib.sha256(SHELL_POM.read_bytes()).hexdigest()


def ensure_cypher_shell() -> None:
    """Fetch Neo4j's cypher-shell (Maven Central, ``org.neo4j:cypher-shell``) unless already there."""

    def ready() -> bool:
        try:
            return SHELL_STAMP.read_text().strip() == _shell_digest() and any(
                SHELL_JARS.glob("cypher-shell-*.jar")
            )
        except OSError:
            return False

    if ready():
        return
    SHELL_TARGET.mkdir(parents=True, exist_ok=True)
    with open(SHELL_TARGET / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if ready():
            return
        if SHELL_JARS.is_dir():
            shutil.rmtree(SHELL_JARS)
        _mvn_package(SHELL_POM, "cypher-shell")
        SHELL_STAMP.write_text(_shell_digest() + "\n")


def cypher_shell_command(uri: str, user: str | None = None, password: str | None = None) -> list[str]:
    """The command line of cypher-shell for ``uri`` (built first if needed); append e.g. ``-f FILE``.

    The password goes on the command line: fine for the test server, not for a real one.
    """
    ensure_cypher_shell()
    java = _find_tool("JAVA", "java")
    cmd = [
        java,
        "-Xmx512m",
        "-cp",
        f"{SHELL_JARS}{os.sep}*",
        SHELL_MAIN_CLASS,
        "-a",
        uri,
        "--format",
        "plain",
    ]
    if user is not None:
        cmd += ["-u", user]
    if password is not None:
        cmd += ["-p", password]
    return cmd


# -------------------------------------------------------------------------------------------- server


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port that was free on host a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(deque(f, maxlen=lines))
    except OSError:
        return f"(no {path.name})\n"


_LIVE: set[Neo4jServer] = set()


@atexit.register
def _stop_all_at_exit() -> None:
    for server in list(_LIVE):
        with contextlib.suppress(Exception):
            server.stop()


class Neo4jServer:
    """One Neo4j DBMS process (a JVM running the launcher), with Bolt on host:port."""

    def __init__(
        self,
        port: int,
        password: str | None,
        data_dir: Path,
        *,
        host: str = DEFAULT_HOST,
        remove_data_on_stop: bool = False,
    ) -> None:
        self.host = host
        self.port = port
        self.user = DEFAULT_USER
        self.password = password
        self.data_dir = data_dir
        self.log_path = data_dir / "launcher.log"
        self.debug_log_path = data_dir / "logs" / "debug.log"
        self.startup_seconds: float | None = None
        self._remove_data_on_stop = remove_data_on_stop
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_offset = 0

    # -- public attributes ----------------------------------------------------------------------
    @property
    def uri(self) -> str:
        return f"bolt://{self.host}:{self.port}"

    @property
    def auth(self) -> tuple[str, str] | None:
        return None if self.password is None else (self.user, self.password)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def is_running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def __repr__(self) -> str:
        state = f"pid {self.pid}" if self.is_running() else "stopped"
        return f"<Neo4jServer {self.uri} {state} home={self.data_dir}>"

    def __enter__(self) -> Neo4jServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- life cycle -----------------------------------------------------------------------------
    def launch(self, timeout: float | None = None) -> None:
        """Start the process and wait until Bolt answers (and accepts the password)."""
        if self.is_running():
            raise Neo4jError(f"{self!r} is already running")
        if timeout is None:
            timeout = float(os.environ.get("IPGRAPH_NEO4J_START_TIMEOUT", DEFAULT_START_TIMEOUT))
        ensure_built()
        java = _find_tool("JAVA", "java")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        java_opts = (
            shlex.split(os.environ["IPGRAPH_NEO4J_JAVA_OPTS"])
            if os.environ.get("IPGRAPH_NEO4J_JAVA_OPTS")
            else list(DEFAULT_JAVA_OPTS)
        )
        cmd = [
            java,
            *java_opts,
            *REQUIRED_JAVA_OPTS,
            "-cp",
            f"{CLASSES}{os.pathsep}{DEPENDENCIES}{os.sep}*",
            MAIN_CLASS,
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--home",
            str(self.data_dir),
            "--watch-stdin",
        ]
        cmd += ["--no-auth"] if self.password is None else ["--password", self.password]
        with open(self.log_path, "ab") as log:
            log.write(f"=== {time.strftime('%Y-%m-%d %H:%M:%S')} starting Neo4j on {self.uri}\n".encode())
            log.flush()
            offset = self._log_offset = log.tell()
            started = time.monotonic()
            # stdin stays a pipe held by this process: when Python exits, even by a crash, it
            # closes and the launcher shuts Neo4j down (--watch-stdin). A new session keeps a
            # Ctrl-C in the terminal from reaching the JVM directly; Python stops it instead.
            self._proc = subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.data_dir,
                start_new_session=True,
            )
        _LIVE.add(self)
        try:
            self._wait_ready(offset, started + timeout)
        except BaseException:
            self.kill()
            raise
        self.startup_seconds = time.monotonic() - started

    def _wait_ready(self, offset: int, deadline: float) -> None:
        assert self._proc is not None
        while True:
            with open(self.log_path, "rb") as f:
                f.seek(offset)
                text = f.read().decode("utf-8", errors="replace")
            if "\nREADY " in "\n" + text:
                break
            if "\nFAILED " in "\n" + text or self._proc.poll() is not None:
                self._proc.wait(timeout=30)
                raise Neo4jError(
                    self._failure(f"Neo4j exited with code {self._proc.returncode} before Bolt came up")
                )
            if time.monotonic() > deadline:
                raise Neo4jError(
                    self._failure("Neo4j did not report READY in time (raise IPGRAPH_NEO4J_START_TIMEOUT?)")
                )
            time.sleep(0.1)
        self._check_bolt(deadline)

    def _check_bolt(self, deadline: float) -> None:
        """Log in over Bolt with the driver if it is installed, else a plain TCP connect."""
        try:
            import neo4j  # optional: this module itself needs only the stdlib
        except ImportError:
            neo4j = None
        last: Exception | None = None
        while time.monotonic() < deadline:
            try:
                if neo4j is None:
                    with socket.create_connection((self.host, self.port), timeout=2):
                        return
                with neo4j.GraphDatabase.driver(self.uri, auth=self.auth) as driver:
                    driver.verify_connectivity()
                    return
            except Exception as exc:  # retried, then reported
                last = exc
                if self._proc is not None and self._proc.poll() is not None:
                    break
                time.sleep(0.2)
        raise Neo4jError(self._failure(f"Neo4j said READY but Bolt login failed: {last!r}"))

    def _failure(self, what: str) -> str:
        reason = ""
        with contextlib.suppress(OSError), open(self.log_path, "rb") as f:
            f.seek(self._log_offset)
            for line in f.read().decode("utf-8", errors="replace").splitlines():
                if line.startswith("FAILED "):
                    reason = "\n" + line
                    break
        return (
            f"{what} ({self.uri}, home {self.data_dir}).{reason}\n"
            f"--- tail of {self.log_path} ---\n{_tail(self.log_path)}"
            f"--- tail of {self.debug_log_path} ---\n{_tail(self.debug_log_path, 20)}"
        )

    def _terminate(self, timeout: float) -> None:
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _log(f"{self!r} ignored SIGTERM for {timeout:.0f} s; killing it")
                proc.kill()
                proc.wait()
        self._close_stdin()

    def _close_stdin(self) -> None:
        if self._proc is not None and self._proc.stdin is not None:
            with contextlib.suppress(OSError):
                self._proc.stdin.close()

    def stop(self, timeout: float = 60.0) -> None:
        """Shut Neo4j down cleanly (SIGTERM; SIGKILL after timeout). Removes a temporary data dir."""
        self._terminate(timeout)
        _LIVE.discard(self)
        if self._remove_data_on_stop:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def kill(self) -> None:
        """SIGKILL, as in a crash: no checkpoint, the next start recovers from the transaction log."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._close_stdin()
        _LIVE.discard(self)

    def restart(self, timeout: float | None = None) -> None:
        """Stop (cleanly, if still running) and start again on the same data dir, port and password."""
        self._terminate(60.0)
        self.launch(timeout)

    # -- convenience ----------------------------------------------------------------------------
    def driver(self, **kwargs: object):  # -> neo4j.Driver
        """A neo4j driver for this server (needs the ``neo4j`` package); close it after use."""
        import neo4j

        return neo4j.GraphDatabase.driver(self.uri, auth=self.auth, **kwargs)

    def log_tail(self, lines: int = 40) -> str:
        return _tail(self.log_path, lines)


def start(
    port: int | None = None,
    password: str | None = DEFAULT_PASSWORD,
    data_dir: Path | None = None,
    *,
    host: str = DEFAULT_HOST,
    timeout: float | None = None,
) -> Neo4jServer:
    """Build if needed, start Neo4j and wait for Bolt; raise Neo4jError with the log tail on failure.

    port: None picks a free port on host. password: for user "neo4j" (at least 8 characters);
    None disables authentication. data_dir: the Neo4j home; None makes a temporary one that stop()
    removes. Reusing a data dir keeps its data.
    """
    if password is not None and len(password) < 8:
        raise ValueError("Neo4j requires passwords of at least 8 characters")
    temporary = data_dir is None
    home = Path(tempfile.mkdtemp(prefix="ipgraph-neo4j-")) if temporary else Path(data_dir).resolve()
    attempts = 3 if port is None else 1
    for attempt in range(1, attempts + 1):
        server = Neo4jServer(
            port or free_port(host), password, home, host=host, remove_data_on_stop=temporary
        )
        try:
            server.launch(timeout)
            return server
        except Neo4jError as exc:
            # A port picked here may be taken by someone else before Neo4j binds it: try another.
            port_taken = "Address already in use" in str(exc) or "BindException" in str(exc)
            if attempt < attempts and port_taken:
                _log(f"port {server.port} was taken; trying another")
                continue
            if temporary:
                shutil.rmtree(home, ignore_errors=True)
            raise
    raise AssertionError("unreachable")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run a Neo4j 5 LTS server in the foreground (Ctrl-C stops).")
    parser.add_argument("--port", type=int, default=7687, help="Bolt port on --host (default 7687; 0 = any)")
    parser.add_argument("--host", default=DEFAULT_HOST, help="listen address (default 127.0.0.1)")
    parser.add_argument("--password", default=DEFAULT_PASSWORD, help="password of user neo4j")
    parser.add_argument("--no-auth", action="store_true", help="disable authentication")
    parser.add_argument("--data-dir", type=Path, help="Neo4j home to use/keep (default: temporary)")
    parser.add_argument("--build-only", action="store_true", help="only build the launcher, then exit")
    parser.add_argument(
        "--cypher-shell", action="store_true", help="also fetch cypher-shell and print its command line"
    )
    args = parser.parse_args(argv)

    if args.build_only:
        ensure_built()
        if args.cypher_shell:
            print(shlex.join(cypher_shell_command(f"bolt://{args.host}:{args.port}", DEFAULT_USER)))
        return 0
    server = start(args.port or None, None if args.no_auth else args.password, args.data_dir, host=args.host)
    auth = "auth disabled" if server.password is None else f"user {server.user}, password {server.password}"
    print(
        f"Neo4j ready at {server.uri} ({auth}; pid {server.pid}; started in {server.startup_seconds:.1f} s)"
    )
    print(f"data dir {server.data_dir}; logs {server.log_path} and {server.debug_log_path}")
    print("Ctrl-C stops it.", flush=True)

    def on_signal(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)  # also when started with SIGINT ignored (e.g. with `&`)
    try:
        while server.is_running():
            time.sleep(0.5)
        print("Neo4j exited unexpectedly; see " + str(server.log_path), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stopping Neo4j ...", flush=True)
        server.stop()
        return 0


if __name__ == "__main__":
    sys.exit(main())
