"""TLS contexts that verify against the OS trust store (plus an optional extra CA), never off."""

from __future__ import annotations

import ssl
import sys


def os_trust_context(ca_file: str | None = None) -> ssl.SSLContext:
    """The OS trust store plus an optional extra CA (e.g. a TLS-inspecting proxy's, from IT).

    Windows and macOS: truststore (the system's certificate store and its verifier). Linux:
    the OS CA bundle through OpenSSL's default paths, which is what truststore uses there too,
    but loaded once per context instead of on every handshake: truststore reloads the bundle
    per connection while holding the GIL, which stalls the GUI thread during a check.
    """
    if sys.platform.startswith("linux"):
        context = ssl.create_default_context()
    else:
        try:
            import truststore

            context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        except ImportError:  # pragma: no cover - truststore is a dependency
            context = ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    return context
