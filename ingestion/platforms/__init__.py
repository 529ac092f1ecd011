"""Ingestion of official-account insights (Meta, TikTok, YouTube, X) into ``raw.platform_*``."""
