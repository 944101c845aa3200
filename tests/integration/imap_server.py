"""A real Dovecot IMAP server on 127.0.0.1, started by the tests (Debian's dovecot-imapd)."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

from tests.integration.processes import reachable_by_others, wait_for_port
from tests.integration.tls_ca import CertificateAuthority

USER, PASSWORD = "taro", "correct horse 馬 battery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dovecot:
    """Dovecot with its own config, Maildir and TLS certificate, in a temporary folder."""

    def __init__(self, folder: Path, ca: CertificateAuthority, *, expired: bool = False) -> None:
        self.folder = folder
        self.port = _free_port()
        self.starttls_port = _free_port()
        self.cert, self.key = ca.issue(f"imap-{self.port}", expired=expired)
        self.home = folder / "home" / USER
        self.maildir = self.home / "Maildir"
        self.process: subprocess.Popen | None = None
        self._uid = 0
        # Dovecot's sockets need a short path (a Unix socket path is capped near 108 bytes; a
        # test's own temp folder can be longer): a folder of this server's own, removed at stop
        self.run_dir: Path | None = None

    @property
    def binary(self) -> str:
        return shutil.which("dovecot") or "/usr/sbin/dovecot"

    def deliver(self, data: bytes, folder: str = "INBOX", name: str | None = None) -> None:
        """Put a mail into the Maildir (INBOX or a sub-folder such as Junk) as unread."""
        self._uid += 1
        base = self.maildir if folder == "INBOX" else self.maildir / f".{folder}"
        for sub in ("cur", "new", "tmp"):
            (base / sub).mkdir(parents=True, exist_ok=True)
        (base / "new" / (name or f"{1700000000 + self._uid}.M{self._uid}P1.test")).write_bytes(
            data)

    def seen_flags(self) -> list[str]:
        """Maildir file names in cur/ (an 'S' after ':2,' would mean read)."""
        return [p.name for p in self.maildir.rglob("cur/*")]

    def start(self) -> Dovecot:
        if os.geteuid() == 0:
            mail_user = pwd.getpwnam("dovecot")
            login_user, internal_user = "dovenull", "dovecot"
        else:
            mail_user = pwd.getpwuid(os.geteuid())
            login_user = internal_user = mail_user.pw_name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.run_dir = Path(tempfile.mkdtemp(prefix="kyoso-dovecot-"))
        os.chmod(self.run_dir, 0o755)
        (self.folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
        config = self.folder / "dovecot.conf"
        config.write_text(f"""
base_dir = {self.run_dir}
state_dir = {self.folder}/state
log_path = {self.folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{self.cert}
ssl_key = <{self.key}
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login
first_valid_uid = 1
default_login_user = {login_user}
default_internal_user = {internal_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.folder}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={self.folder}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  mailbox Junk {{
    special_use = \\Junk
    auto = create
  }}
}}
service imap-login {{
  inet_listener imap {{
    port = {self.starttls_port}
  }}
  inet_listener imaps {{
    port = {self.port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
""", encoding="utf-8")
        for path in (self.folder / "home", self.folder / "state"):
            path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            for path in [self.folder / "home", *(self.folder / "home").rglob("*")]:
                os.chown(path, mail_user.pw_uid, mail_user.pw_gid)
            os.chmod(self.folder, 0o755)
            reachable_by_others(self.folder)
        self.process = subprocess.Popen([self.binary, "-F", "-c", str(config)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        try:
            wait_for_port(self.process, self.port, self._log, "dovecot")
        except BaseException:
            self.stop()
            raise
        return self

    def _log(self) -> str:
        output = self.process.stdout.read().decode(errors="replace") if self.process and \
            self.process.stdout and self.process.poll() is not None else ""
        log = self.folder / "dovecot.log"
        return output + (log.read_text(errors="replace") if log.exists() else "")

    def kill(self) -> None:
        """Gone at once, with every child (an open IMAP session included), like a crash."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        self._remove_run_dir()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._remove_run_dir()

    def _remove_run_dir(self) -> None:
        """The socket folder this server made (and only it), once the server has ended."""
        if self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)
            self.run_dir = None
