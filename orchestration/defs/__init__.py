"""One folder per domain, each with its assets, checks, sensors and schedules and a ``defs()``
that returns its own ``Definitions``; orchestration/definitions.py merges them."""
