"""The ASN roster: which social-media accounts belong to civil servants (ASN) of which agency.

A BKD or an agency sends a roster as CSV or XLSX (``landing/roster/``); Citra keeps only the
keyed pseudonym of each handle (``ingestion.pseudonyms``, the same HMAC as private authors),
so the roster and the social mentions join on the pseudonym and the clear handle is stored
nowhere. ``load`` is the per-file frame, ``parse`` the query that checks and pseudonymizes
the rows; docs/amplification.md describes the columns and how a newer file replaces an
agency's roster.
"""
