"""Hoaxes: the hoax desk's register traced through the mentions, spread against debunk.

Pure functions, no Dagster (docs/hoaxes.md):

- ``settings``: hoaxes.yml (quiet_days, klarifikasi_due_hours, lookback_days, thresholds);
- ``claims``: a claim's identity (normalized claim, generated ``HX-`` id), categories, keywords;
- ``model``: a registered hoax (``Hoax``) and its matcher document;
- ``score``: the claim score over the release matcher's terms (``matching``);
- ``roles``: spread or debunk (official account, clarification link, debunk cues);
- ``trace``: mentions -> (hoax, role, band) pairs; ``evaluate``, ``labelled``: precision and
  recall per class on the labelled sets (``python -m hoaxes evaluate``).
"""
