"""The one error class of reading: a per-document problem with an input."""


class InputError(Exception):
    """A per-document problem with an input (empty, binary, too large...)."""
