"""Agenda setting: which mentions carried the office's press releases (issue 24).

No Dagster here. ``settings`` reads agenda.yml (window and thresholds); ``warehouse`` runs the
text matcher (package ``matching``) over ``raw.releases`` and ``raw.media_mentions`` and keeps
the scored pairs in ``raw.release_matches``, matching only what is new since the last build.
dbt decides the pickups from them (staff decisions, one release per mention) in the marts
``fct_release_pickups``, ``mart_release_pickup`` and ``mart_agenda_monthly`` (docs/agenda.md).
"""
