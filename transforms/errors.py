"""The one exception family the CLI turns into a message; anything else is a bug and shows a traceback."""


class NewsfactsError(Exception):
    """A problem the user can fix (bad input, bad configuration); its message says how."""
