"""The hoax register: the claims the office's hoax desk registers (``landing/hoaxes/``).

A CSV or XLSX template with English or Indonesian headers (docs/hoaxes.md): ``parse`` types
the cells (every date form of ``ingestion.dates``, two date columns), ``load`` checks the rows,
resolves each row's hoax (the same ``hoax_id``, or without one the same normalized claim) and
appends them to ``raw.hoax_register``; rejects name file, row and problem.
"""
