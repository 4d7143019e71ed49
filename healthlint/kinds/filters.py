"""The context that cancels a match (a rule's TriggerFilters): a negation shortly before it, a
word right before it, a name, a question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

_SENTENCE_OPENERS = frozenset(
    "many most some several these those the other others recent previous new leading top all "
    "few numerous various independent early earlier more further other current".split()
)


def cancelled(rule: Any, doc: Doc, start: int, end: int | None = None) -> bool:
    """Whether the context of the match ``doc[start:end]`` cancels it (TriggerFilters)."""
    sent = doc[start].sent
    if rule.unless_followed_by:
        after = doc[end or start + 1 : min(sent.end, (end or start + 1) + rule.followed_window)]
        if any(token.lower_ in rule.unless_followed_by for token in after):
            return True
    if rule.unless_preceded_by:
        first = max(sent.start, start - rule.unless_window)
        if any(token.lower_ in rule.unless_preceded_by for token in doc[first:start]):
            return True
    if start > sent.start:
        before = doc[start - 1]
        if before.lower_ in rule.not_after:
            return True
        # Every sentence starts with a capital, so there only a word that is not an everyday
        # opener ("Many", "Recent") counts as a name.
        is_name = (before.is_title or before.is_upper) and (
            start - 1 > sent.start or before.lower_ not in _SENTENCE_OPENERS
        )
        if rule.not_after_name and is_name:
            return True
    return rule.not_in_questions and sent.text.rstrip().endswith("?")
