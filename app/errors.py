"""The one base class for requests the app refuses with a message for people."""


class UserError(ValueError):
    """A refusal whose message (Dutch) is shown to the person who asked.

    Handlers turn any subclass into ``{"ok": false, "error": message}`` or a
    400 JSON error; anything else is a bug and is logged.
    """
