"""Resources shared by the domains: the Citra home folder and the SMTP server.

Settings come from the environment through ``dg.EnvVar``, resolved when a run starts, so a
secret (the SMTP password) never appears in the UI's resource config. An optional setting that
is not set falls back to its documented default (see README, "Configuration").
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from lake.settings import checked_engine, checked_office
from reporting.delivery import SmtpSettings, smtp_settings


def env_or(name: str, default: str = "") -> str | dg.EnvVar:
    """``dg.EnvVar(name)`` when the variable is set, else ``default`` (for optional settings:
    an ``EnvVar`` of an unset variable fails the run instead of meaning "not configured")."""
    return dg.EnvVar(name) if os.environ.get(name) else default


class CitraHome(dg.ConfigurableResource):
    """Folder layout of one Citra installation (``CITRA_HOME``)."""

    home: str
    warehouse_path: str
    # CITRA_ENGINE, CITRA_LAKE and CITRA_OFFICE (lake/settings.py); empty lake: $CITRA_HOME/lake
    engine: str = "duckdb"
    lake_path: str = ""
    office: str = "local"

    @property
    def root(self) -> Path:
        return Path(self.home)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def on_spark(self) -> bool:
        """True when dbt builds the models on Spark from the lake (``CITRA_ENGINE=spark``)."""
        return checked_engine(self.engine) == "spark"

    @property
    def lake(self) -> Path:
        return Path(self.lake_path) if self.lake_path else self.root / "lake"

    @property
    def office_code(self) -> str:
        return checked_office(self.office)

    @property
    def landing_media(self) -> Path:
        return self.root / "landing" / "media"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"


class SmtpResource(dg.ConfigurableResource):
    """The mail server that delivers the monthly report (``CITRA_SMTP_*``,
    ``CITRA_REPORT_RECIPIENTS``); delivery is off while host or recipients are empty."""

    host: str = ""
    port: str = "587"
    user: str = ""
    password: str = ""
    sender: str = ""
    recipients: str = ""
    starttls: str = "true"

    @classmethod
    def from_env(cls) -> SmtpResource:
        return cls(
            host=env_or("CITRA_SMTP_HOST"),
            port=env_or("CITRA_SMTP_PORT", "587"),
            user=env_or("CITRA_SMTP_USER"),
            password=env_or("CITRA_SMTP_PASSWORD"),
            sender=env_or("CITRA_SMTP_FROM"),
            recipients=env_or("CITRA_REPORT_RECIPIENTS"),
            starttls=env_or("CITRA_SMTP_STARTTLS", "true"),
        )

    def settings(self, recipients: str | None = None) -> SmtpSettings | None:
        """Validated settings, or None when delivery is not configured; ``recipients`` replaces
        the report's recipients (alert emails go to CITRA_ALERT_RECIPIENTS when set)."""
        return smtp_settings(
            {
                "CITRA_SMTP_HOST": self.host,
                "CITRA_SMTP_PORT": self.port,
                "CITRA_SMTP_USER": self.user,
                "CITRA_SMTP_PASSWORD": self.password,
                "CITRA_SMTP_FROM": self.sender,
                "CITRA_REPORT_RECIPIENTS": recipients or self.recipients,
                "CITRA_SMTP_STARTTLS": self.starttls,
            }
        )


def shared_resources() -> dict[str, dg.ConfigurableResource]:
    """The resources every domain may ask for, configured from the environment."""
    return {
        "citra": CitraHome(
            home=dg.EnvVar("CITRA_HOME"),
            warehouse_path=dg.EnvVar("CITRA_WAREHOUSE"),
            engine=env_or("CITRA_ENGINE", "duckdb"),
            lake_path=env_or("CITRA_LAKE"),
            office=env_or("CITRA_OFFICE", "local"),
        ),
        "smtp": SmtpResource.from_env(),
    }
