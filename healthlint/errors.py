"""Errors that stop one file or one configuration from being used, with a one-line message."""


class HealthlintError(Exception):
    """Base class: the message is shown to the user as is, after the file it concerns."""


class InputError(HealthlintError):
    """An article that cannot be read: binary, undecodable, too large, missing."""


class ConfigError(HealthlintError):
    """A configuration file or rule pack with a key or value at fault."""
