"""Connection check: can this PC reach Slack, and if not, why (proxy, DNS, TLS, WebSocket)."""
