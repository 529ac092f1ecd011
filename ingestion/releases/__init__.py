"""Press releases (*siaran pers*) of the office: ``landing/releases/`` into ``raw.releases``.

Two kinds of file: the releases template (CSV or XLSX, English or Indonesian headers,
``template``) and the website's feed saved as a file (RSS 2.0 or Atom ``.xml``, ``feeds``).
Both go through the frame every export shares (``ingestion.frame``: content-hash registry, one
transaction per file, rejects with file, row and problem, quarantine); ``load`` dispatches and
appends. A row's agency comes from its column, else from the folder
(``landing/releases/<agency_code>/``). See docs/agenda.md.
"""
