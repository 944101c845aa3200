"""A throw-away RFC 3161 timestamp server on loopback, for --test-signing: CI signs with a
timestamp the way a release does (`--timestamp-url`), without reaching a public TSA.

Answers POSTed TimeStampReq bodies with `openssl ts -reply`, signed by a self-signed TSA
certificate (extendedKeyUsage timeStamping). Stops with the `with` block.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CONFIG = """[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = {folder}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/tsa.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def make_tsa(folder: Path) -> Path:
    """The TSA's key, certificate and openssl configuration; returns the certificate."""
    folder.mkdir(parents=True, exist_ok=True)
    cert = folder / "tsa.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7",
                    "-subj", "/CN=Kyoso Desktop Test TSA", "-addext",
                    "extendedKeyUsage=critical,timeStamping", "-keyout", folder / "tsa.key",
                    "-out", cert], check=True, capture_output=True)
    (folder / "serial").write_text("01\n")
    (folder / "tsa.cnf").write_text(CONFIG.format(folder=folder))
    return cert


@contextlib.contextmanager
def loopback_tsa(folder: Path) -> Iterator[tuple[str, Path]]:
    """(URL, TSA certificate) of a timestamp server on 127.0.0.1 while inside."""
    cert = make_tsa(folder)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with tempfile.TemporaryDirectory(dir=folder) as temp:
                query, reply = Path(temp) / "q.tsq", Path(temp) / "r.tsr"
                query.write_bytes(body)
                result = subprocess.run(
                    ["openssl", "ts", "-reply", "-config", folder / "tsa.cnf", "-queryfile",
                     query, "-out", reply], capture_output=True, timeout=30)
                answer = reply.read_bytes() if result.returncode == 0 else b""
            self.send_response(200 if answer else 500)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", cert
    finally:
        server.shutdown()
        server.server_close()
