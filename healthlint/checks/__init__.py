"""Checks: the logic behind rules of kind ``python``, registered by name for the rule packs."""

from . import procedures, repeated_words, review_dates, statistics, suppressions  # noqa: F401  (registration)
