"""The context that cancels a match (a rule's TriggerFilters): a negation shortly before it, a
word right before it, a name, a question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..lexicons import known_words

if TYPE_CHECKING:
    from spacy.tokens import Doc

_SENTENCE_OPENERS = frozenset(
    "many most some several these those the other others recent previous new leading top all "
    "few numerous various independent early earlier more further other current clinical "
    "scientific medical research emerging preliminary limited growing another one a an each every "
    "any both either neither such".split()
)


def _ordinary(word: str) -> bool:
    """A word of the English lemma table (as a form or a lemma), or an everyday opener."""
    return word in _SENTENCE_OPENERS or word in known_words()


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
    i = start - 1
    # Past the words that may stand between a determiner or a name and the match: "the new
    # studies", "Babaeva's previous research", "the FAME 2 trial".
    while i >= sent.start and (doc[i].lower_ in rule.modifiers or doc[i].like_num):
        i -= 1
    if i >= sent.start:
        if doc[i].lower_ in rule.not_after:
            return True
        if rule.not_after_name and _is_name(doc, i, sent.start, rule.modifiers):
            return True
    return rule.not_in_questions and sent.text.rstrip().endswith("?")


def _is_name(doc: Doc, i: int, first: int, modifiers: list[str]) -> bool:
    """Whether ``doc[i]`` ends a name: an acronym, a title-case word (at the sentence's start only
    if it is no ordinary English word or modifier: "Stanford", not "Research" or "Health"), or a
    name's possessive."""
    token = doc[i]
    if token.lower_ in ("'s", "\u2019s", "'", "\u2019") and i > first:
        token, i = doc[i - 1], i - 1
    ordinary = _ordinary(token.lower_) or token.lower_ in modifiers
    return token.is_upper or (token.is_title and (i > first or not ordinary))
