"""Agenda-setting domain: the office's press releases (landing/releases/), staff decisions on
every review queue (landing/decisions/: release pickups and the hoax desk's) and the text
matcher's pairs; the pickup marts are dbt
models (docs/agenda.md)."""

from orchestration.defs.agenda.definitions import defs

__all__ = ["defs"]
