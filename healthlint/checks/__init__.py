"""Checks: the logic behind rules of kind ``python``, registered by name for the rule packs."""

from . import disclaimer, procedures, spelling, statistics  # noqa: F401  (registration)
from .base import REGISTRY, Check, Hit, ParsedArticle

__all__ = ["REGISTRY", "Check", "Hit", "ParsedArticle"]
