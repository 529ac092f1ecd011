"""Errors of ingestion that decide what happens to a file."""


class UnreadableFileError(ValueError):
    """The file cannot be read at all: it goes to quarantine, the other files still load."""


class WarehouseBusyError(RuntimeError):
    """Another program holds the warehouse file: nothing was changed, the run can be repeated."""
