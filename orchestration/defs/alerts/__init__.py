"""Alerts domain: early warning (marts.issue_alerts), notifications and response tracking."""

from orchestration.defs.alerts.definitions import defs

__all__ = ["defs"]
