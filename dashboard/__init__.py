"""The office's dashboard: static, interactive pages in Bahasa Indonesia built from the serving copy
of the marts (`serving/citra.duckdb`, opened read-only), one site for the province and one per
kabupaten/kota that holds only that region's mentions, headlines, alerts and accounts.

Pure functions read each page's data (``dashboard.pages``), Plotly draws the charts
(``dashboard.figures``), Jinja2 writes the HTML (``dashboard.render``) and ``dashboard.site``
writes only the pages whose data changed. No request leaves a page: plotly.js, the stylesheet
and the fonts are files of the site. docs/dashboard.md says how to serve it.
"""
