"""Checks: rules whose logic data cannot express. Each lives in the module named after its rule
and is registered here under the rule's name, which a ``python`` rule's ``check`` names."""

from __future__ import annotations

from ..kinds.base import Runner
from .absolute_claim import AbsoluteClaim
from .medical_misspelling import MedicalMisspelling
from .missing_review_date import MissingReviewDate
from .page_residue import PageResidue
from .placeholder_text import PlaceholderText
from .procedure_mismatch import ProcedureMismatch
from .repeated_word import RepeatedWord
from .stale_review_date import StaleReviewDate
from .unsourced_statistic import UnsourcedStatistic

CHECKS: dict[str, type[Runner]] = {
    "absolute-claim": AbsoluteClaim,
    "medical-misspelling": MedicalMisspelling,
    "missing-review-date": MissingReviewDate,
    "page-residue": PageResidue,
    "placeholder-text": PlaceholderText,
    "procedure-mismatch": ProcedureMismatch,
    "repeated-word": RepeatedWord,
    "stale-review-date": StaleReviewDate,
    "unsourced-statistic": UnsourcedStatistic,
}
