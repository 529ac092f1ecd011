"""The columns of the two marts the alerts publish (BI contracts written by Python, like
dq_gaps): type and description of each, which also become DuckDB comments and UI schemas."""

from __future__ import annotations

ISSUE_ALERTS_COLUMNS: dict[str, tuple[str, str]] = {
    "alert_id": (
        "varchar",
        "Stable id of the alert (12 hex digits), the same on every rebuild; use it with `citra alerts ack`.",
    ),
    "kind": (
        "varchar",
        "Rule that raised it: negative_burst, share_rise, watchlist (docs/alerts.md) or hoax (docs/hoaxes.md).",
    ),
    "issue": (
        "varchar",
        "Issue code (dim_issue); for a watchlist alert the term's issue, or the issue most of its mentions carry.",
    ),
    "issue_name": ("varchar", "Display name of the issue in Bahasa Indonesia."),
    "region_code": ("varchar", "Kabupaten/kota of a regional alert (dim_region); null when province-wide."),
    "region_name": ("varchar", "Name of the kabupaten/kota; null when province-wide."),
    "term": (
        "varchar",
        "The watched term of a watchlist alert (seed watchlist); the hoax_id of a hoax alert (dim_hoax); null for other kinds.",
    ),
    "window_start": (
        "timestamptz",
        "Start of the alert's window (a 6-hour window or a day, cut in WITA); responses count from here.",
    ),
    "window_end": ("timestamptz", "End of the window (exclusive)."),
    "mentions": ("bigint", "Mentions of the issue (and region, or of the term) in the window, any sentiment."),
    "negative_mentions": ("bigint", "Negative mentions of the issue (and region, or of the term) in the window."),
    "baseline": (
        "double",
        "What the rule expected: the trailing median of negative mentions for the same hours (negative_burst), the median share of voice (share_rise), 0 (watchlist).",
    ),
    "score": (
        "double",
        "How far above the baseline: robust standard deviations (negative_burst, share_rise); mentions in the window (watchlist).",
    ),
    "severity": ("varchar", "high or medium (alerts.yml: negative_burst.high_score; the watchlist row's severity)."),
    "share_of_voice": ("double", "share_rise: the issue's share of the day's mentions; null for other kinds."),
    "top_headlines": (
        "varchar",
        "JSON array of up to 5 mentions behind the alert (title, outlet, published_at, reach, url), negative first, by reach.",
    ),
    "top_outlets": (
        "varchar",
        "JSON array of up to 5 outlets with their mentions in the window (negative mentions for negative_burst).",
    ),
    "status": (
        "varchar",
        "open, acknowledged, answered or closed: closed by `citra alerts close`, answered when a qualifying official post responded (first_response_at), acknowledged by `citra alerts ack`. Notifications do not depend on it (docs/alerts.md).",
    ),
    "still_detected": (
        "boolean",
        "False when the current data no longer raises the alert (e.g. a corrected export); it stays listed with the numbers it was first detected with.",
    ),
    "first_detected_at": ("timestamptz", "When a build first raised the alert."),
    "notified_at": (
        "timestamptz",
        "When the first notice (any channel) was delivered; null if none was. Sent whatever the status, unless acknowledged or closed before.",
    ),
    "reminded_at": (
        "timestamptz",
        "When the first reminder (any channel) was delivered: the alert was still unanswered and unacknowledged notify.remind_after_hours after its notice; null if none was.",
    ),
    "notifications": (
        "varchar",
        "Each channel's latest outcome, notices first, then reminders, e.g. 'telegram: sent, webhook: failed, telegram reminder: sent'; see raw.alert_notifications.",
    ),
    "acknowledged_at": ("timestamptz", "First acknowledgement (`citra alerts ack` or landing/alerts/)."),
    "acknowledged_by": ("varchar", "Who acknowledged it first."),
    "closed_at": ("timestamptz", "When it was closed (null when open or reopened)."),
    "closed_by": ("varchar", "Who closed it."),
    "last_note": ("varchar", "The latest note given with an acknowledgement or closing."),
    "first_response_at": (
        "timestamptz",
        "Publication time of the first qualifying response: a post after window_start by an account of an agency responsible for the issue (seed issue_agencies) or a coordinating agency (alerts.yml), holding the issue's keywords and, for a kabupaten/kota alert, naming the region (alerts/responses.py).",
    ),
    "response_hours": ("double", "Hours from window_start to first_response_at."),
    "response_post_url": ("varchar", "Link to that post."),
    "response_account": ("varchar", "platform/account of that post."),
    "other_posts_after": (
        "bigint",
        "Other official-account posts since window_start (within response.max_hours) that hold the issue's keywords but do not count as a response: the account's agency is neither responsible nor coordinating, or the post does not name the alert's kabupaten/kota. 0 when none.",
    ),
}
ISSUE_ALERTS_DOC = (
    "Early-warning alerts: one row per alert (negative burst, share-of-voice rise, watchlist term) "
    "with its numbers, headlines, status, notifications and the office's response (docs/alerts.md)."
)

RESPONSE_MONTHLY_COLUMNS: dict[str, tuple[str, str]] = {
    "month": ("date", "First day of the WITA month of the alerts' window_start."),
    "issue": ("varchar", "Issue code (dim_issue)."),
    "alerts": ("bigint", "Alerts of the issue whose window started in the month (every kind and region)."),
    "answered": (
        "bigint",
        "Of those, alerts a qualifying official-account post answered (first_response_at not null; alerts/responses.py).",
    ),
    "answered_within_24h": ("bigint", "Of those, alerts answered within 24 hours of window_start."),
    "median_response_hours": (
        "double",
        "Median hours to the first response over the answered alerts; null when none was answered.",
    ),
}
RESPONSE_MONTHLY_DOC = (
    "How fast the office answered its alerts: per WITA month and issue, alerts, answered, answered "
    "within 24 hours and the median response time (PermenPAN-RB 83/2012: responsive)."
)
