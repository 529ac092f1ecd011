"""The dashboard's pages, in navigation order.

To add a page: write ``dashboard/pages/<name>.py`` with a ``build(ctx) -> list[Document]`` (its
data as plain dataclasses, read from the serving copy for ``ctx.scope``; ``figures`` and
``tables`` as pure functions of that data), a template ``dashboard/templates/<name>.html.j2``
that extends ``base.html.j2``, and one line below naming the marts tables it reads. A page whose
table is not in the serving copy is left out of the site and its navigation (or, with
``shown_without_data``, says there is no data yet); nothing else changes.
A regional site must show only that region's mentions, headlines, alerts and accounts: filter
with ``ctx.params`` (``$region``) and test it in tests/test_dashboard_regions.py.
"""

from __future__ import annotations

from dashboard.pages import accounts, agenda, amplification, hoaxes, issues, regions, scorecard, summary
from dashboard.pages.base import Document, Page, PageContext

PAGES: list[Page] = [
    Page("ringkasan", "Ringkasan", ("mart_issue_sentiment_monthly", "fct_mentions"), summary.build),
    Page("isu", "Isu", ("mart_issue_sentiment_monthly", "fct_mentions", "dim_issue"), issues.build),
    Page("wilayah", "Wilayah", ("fct_mentions", "dim_region"), regions.build),
    Page("akun", "Akun resmi", ("mart_platform_monthly", "dim_account"), accounts.build),
    Page("asn", "ASN", ("mart_amplification_monthly", "dim_agency"), amplification.build),
    # the three below say "no data yet" while their marts are missing (an office without releases,
    # a hoax register or a scorecard yet) instead of leaving the navigation
    Page("siaran-pers", "Siaran pers", agenda.REQUIRES, agenda.build, shown_without_data=True),
    Page("hoaks", "Hoaks", hoaxes.REQUIRES, hoaxes.build, shown_without_data=True),
    Page("rapor", "Rapor kehumasan", scorecard.REQUIRES, scorecard.build, shown_without_data=True),
]

__all__ = ["PAGES", "Document", "Page", "PageContext"]
