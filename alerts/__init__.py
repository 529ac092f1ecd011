"""Early warning and response: alerts on negative bursts, share-of-voice rises and watchlist
terms, their notifications (email, webhook, Telegram) and how fast the office answered.

Plain Python over the warehouse (no Dagster): ``orchestration/defs/alerts`` runs it after
every build, ``citra alerts`` reads and changes it. See docs/alerts.md.
"""
