"""Amplification domain: the ASN roster (landing/roster/ -> raw.asn_roster); the amplification
marts are dbt models (docs/amplification.md)."""

from orchestration.defs.amplification.definitions import defs

__all__ = ["defs"]
