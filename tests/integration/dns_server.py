"""A real DNS server on 127.0.0.1 (dnslib), answering from a small zone, for tests."""

from __future__ import annotations

import contextlib
import socket
import threading

from dnslib import AAAA, MX, QTYPE, RCODE, RR, SOA, A, DNSRecord

ZONE = {
    ("city.hakodate.lg.jp.", "MX"): [MX("mx.city.hakodate.lg.jp.", 10)],
    ("e-rumoi.jp.", "A"): [A("192.0.2.10")],
    ("ipv6only.go.jp.", "AAAA"): [AAAA("2001:db8::1")],
    ("nullmx.lg.jp.", "MX"): [MX(".", 0)],
    ("lgwan-only.lg.jp.", "TXT"): [],
    # the control names a healthy internet resolver knows (policy.toml [online])
    **{(zone, "SOA"): [SOA("ns.example.", "admin.example.", (1, 3600, 600, 86400, 300))]
       for zone in ("lg.jp.", "go.jp.", "slack.com.")},
}
EXISTING = {name for name, _ in ZONE}


class LoopbackDns:
    """UDP DNS server in a thread. `silent=True` never answers (an unreachable resolver);
    `rcode="NXDOMAIN"` says "no such domain" to everything (an LGWAN-side resolver),
    `rcode="SERVFAIL"` fails everything."""

    def __init__(self, silent: bool = False, rcode: str | None = None) -> None:
        self.silent = silent
        self.rcode = rcode
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.queries: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> LoopbackDns:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                data, peer = self.sock.recvfrom(4096)
            except (TimeoutError, OSError):
                continue
            request = DNSRecord.parse(data)
            name, qtype = str(request.q.qname), QTYPE[request.q.qtype]
            self.queries.append(f"{name} {qtype}")
            if self.silent:
                continue
            reply = request.reply()
            records = ZONE.get((name, qtype))
            if self.rcode:
                reply.header.rcode = getattr(RCODE, self.rcode)
            elif records:
                for rdata in records:
                    reply.add_answer(RR(name, getattr(QTYPE, qtype), rdata=rdata, ttl=60))
            elif name not in EXISTING:
                reply.header.rcode = RCODE.NXDOMAIN
            with contextlib.suppress(OSError):
                self.sock.sendto(reply.pack(), peer)
