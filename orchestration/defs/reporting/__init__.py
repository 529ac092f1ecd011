"""Reporting domain: marts -> the monthly report (PDF, HTML, email)."""

from orchestration.defs.reporting.definitions import defs

__all__ = ["defs"]
