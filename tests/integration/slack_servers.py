"""Real servers on 127.0.0.1 standing in for Slack and for a corporate network's boxes:
an HTTPS + WebSocket server (test CA), a black hole, a TLS-intercepting proxy, and squid."""

from __future__ import annotations

import contextlib
import os
import pwd
import select
import shutil
import socket
import ssl
import subprocess
import threading
import time
from email.utils import formatdate
from pathlib import Path

from tests.integration.processes import reachable_by_others, wait_for_port
from tests.integration.tls_ca import CertificateAuthority

SLACK_HOSTS = ("slack.com", "app.slack.com", "api.slack.com", "wss-primary.slack.com",
               "wss-backup.slack.com", "a.slack-edge.com", "blocked.example.com")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server:
    """A thread accepting connections and handing each to `handle` in its own thread."""

    def __init__(self) -> None:
        self.port = free_port()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", self.port))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.connections: list[socket.socket] = []

    def __enter__(self):
        thread = threading.Thread(target=self._serve, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for conn in self.connections:
            with contextlib.suppress(OSError):
                conn.close()
        self.sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _peer = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections.append(conn)
            threading.Thread(target=self._guarded, args=(conn,), daemon=True).start()

    def _guarded(self, conn: socket.socket) -> None:
        try:
            self.handle(conn)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def handle(self, conn: socket.socket) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def _read_head(conn) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


class SlackStandIn(_Server):
    """HTTPS (200 with a Date header) and WebSocket upgrades (101) for the Slack host names."""

    def __init__(self, ca: CertificateAuthority, *, refuse_websocket: bool = False,
                 date_offset: float = 0.0, dribble: bool = False) -> None:
        super().__init__()
        self.dribble = dribble  # answer with an endless header, a byte every 40 ms
        cert, key = ca.issue(f"slack-{self.port}", hosts=SLACK_HOSTS)
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert, key)
        self.refuse_websocket = refuse_websocket
        self.date_offset = date_offset

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        tls = self.context.wrap_socket(conn, server_side=True)
        head = _read_head(tls).decode("iso-8859-1")
        if self.dribble:
            tls.sendall(b"HTTP/1.1 101 Switching Protocols\r\nX-Slow: ")
            stop = time.monotonic() + 15  # the stand-in stops by itself
            while time.monotonic() < stop:
                tls.sendall(b"a")
                time.sleep(0.04)
            return
        date = formatdate(time.time() + self.date_offset, usegmt=True)
        if "upgrade: websocket" in head.lower():
            if self.refuse_websocket:
                tls.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                return
            from wsproto import ConnectionType, WSConnection
            from wsproto.events import AcceptConnection, Request

            server = WSConnection(ConnectionType.SERVER)
            server.receive_data(head.encode("iso-8859-1"))
            for event in server.events():
                if isinstance(event, Request):
                    tls.sendall(server.send(AcceptConnection()))
            time.sleep(0.2)
            return
        body = b"ok"
        tls.sendall(f"HTTP/1.1 200 OK\r\nDate: {date}\r\nContent-Length: {len(body)}\r\n"
                    "Connection: close\r\n\r\n".encode() + body)


class BlackHole(_Server):
    """Accepts connections and never says a word."""

    def handle(self, conn: socket.socket) -> None:
        self._stop.wait(60)


class InterceptingProxy(_Server):
    """An HTTP CONNECT proxy that decrypts TLS with its own CA (like a TLS-inspecting proxy).

    `upstream` maps (host, port) to the real server's port on 127.0.0.1; with
    `block_websocket` it refuses WebSocket upgrades it sees inside the decrypted stream.
    """

    def __init__(self, ca: CertificateAuthority, upstream_port: int, upstream_ca: Path, *,
                 block_websocket: bool = False) -> None:
        super().__init__()
        cert, key = ca.issue(f"intercept-{self.port}", hosts=SLACK_HOSTS)
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert, key)
        self.upstream_port = upstream_port
        self.upstream_context = ssl.create_default_context(cafile=str(upstream_ca))
        self.block_websocket = block_websocket

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        head = _read_head(conn).decode("iso-8859-1")
        target = head.split(" ")[1]
        host = target.rsplit(":", 1)[0]
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        client = self.context.wrap_socket(conn, server_side=True)
        first = _read_head(client)
        if self.block_websocket and b"upgrade: websocket" in first.lower():
            client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
        server = self.upstream_context.wrap_socket(upstream, server_hostname=host)
        server.sendall(first)
        _relay(client, server)


def _relay(a, b) -> None:
    sockets = [a, b]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        readable, _w, _x = select.select(sockets, [], [], 0.2)
        for sock in readable:
            data = sock.recv(65536)
            if not data:
                return
            (b if sock is a else a).sendall(data)


class Squid:
    """Debian's squid with a configuration of the test's choosing, on 127.0.0.1."""

    def __init__(self, folder: Path, rules: str, *, users: dict[str, str] | None = None,
                 ntlm: bool = False) -> None:
        self.folder = folder
        self.port = free_port()
        self.rules = rules
        self.users = users or {}
        self.ntlm = ntlm  # squid's ntlm_fake_auth: any account signs in (the Windows logon)
        self.process: subprocess.Popen | None = None

    def start(self) -> Squid:
        folder = self.folder
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o777)
        (folder / "hosts").write_text(
            "".join(f"127.0.0.1 {h}\n" for h in SLACK_HOSTS), encoding="utf-8")
        auth = ""
        if self.ntlm:  # offered first, as municipal proxies do
            auth = ("auth_param ntlm program /usr/lib/squid/ntlm_fake_auth\n"
                    "auth_param ntlm children 2\nauth_param ntlm keep_alive on\n")
        if self.users:
            lines = []
            for user, password in self.users.items():
                hashed = subprocess.run(["htpasswd", "-nbB", user, password], check=True,
                                        capture_output=True, text=True).stdout.strip()
                lines.append(hashed)
            (folder / "htpasswd").write_text("\n".join(lines) + "\n", encoding="utf-8")
            helper = "/usr/lib/squid/basic_ncsa_auth"
            auth += (f"auth_param basic program {helper} {folder}/htpasswd\n"
                     "auth_param basic realm kyoso-test\n")
        if self.ntlm or self.users:
            auth += "acl authed proxy_auth REQUIRED\n"
        user_line = "cache_effective_user proxy\n" if os.geteuid() == 0 else ""
        config = folder / "squid.conf"
        config.write_text(f"""
http_port 127.0.0.1:{self.port}
pid_filename {folder}/squid.pid
cache_log {folder}/cache.log
access_log stdio:{folder}/access.log
cache deny all
coredump_dir {folder}
hosts_file {folder}/hosts
dns_nameservers 127.0.0.1
{user_line}shutdown_lifetime 0 seconds
acl CONNECT method CONNECT
{auth}{self.rules}
""", encoding="utf-8")
        if os.geteuid() == 0:
            proxy_user = pwd.getpwnam("proxy")
            for path in [folder, *folder.iterdir()]:
                os.chown(path, proxy_user.pw_uid, proxy_user.pw_gid)
                reachable_by_others(folder)  # squid runs as 'proxy': it must reach its folder
        binary = shutil.which("squid") or "/usr/sbin/squid"
        self.process = subprocess.Popen([binary, "-N", "-f", str(config)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        wait_for_port(self.process, self.port, self.log, "squid")
        return self

    def log(self) -> str:
        output = ""
        if self.process and self.process.poll() is not None and self.process.stdout:
            output = self.process.stdout.read().decode(errors="replace")
        path = self.folder / "cache.log"
        return output + (path.read_text(errors="replace") if path.exists() else "")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            import signal

            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
