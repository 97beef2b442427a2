"""Watching the running bot: /health for a load balancer or systemd, /metrics for Prometheus."""
