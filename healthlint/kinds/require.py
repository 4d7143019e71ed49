"""Kind ``require``: the document must contain one of the patterns (a disclaimer, a byline)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field

from .base import Hit, RuleOptions, Runner

if TYPE_CHECKING:
    from ..analysis import ParsedArticle


class RequireOptions(RuleOptions):
    phrases: tuple[str, ...] = Field(
        default=(), description="Extra wordings (any case) that satisfy the requirement."
    )


class RequireRunner(Runner):
    Options = RequireOptions

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        rule = self.rule
        patterns = dict(rule.patterns)
        if self.options.phrases:
            patterns["configured"] = list(self.options.phrases)
        self.satisfied_by = list(self.add_patterns(patterns).values())
        self.when = list(self.add_patterns(rule.when or {}, "when").values())
        self.headings = {text.lower() for text in rule.headings}
        self.metadata_keys = {key.lower() for key in rule.metadata_keys}

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        found = parsed.state(self, _Found)
        if self.when and not found.trigger:
            found.trigger = self._triggered(parsed)
        if not found.requirement:
            found.requirement = self._satisfied(parsed)
        return ()

    def finish(self, parsed: ParsedArticle) -> Iterable[Hit]:
        found = parsed.state(self, _Found)
        if self.when and not found.trigger:
            return ()
        metadata = parsed.article.metadata
        if found.requirement or any(_filled(metadata.get(key)) for key in self.metadata_keys):
            return ()
        return (Hit(block=None),)

    def _triggered(self, parsed: ParsedArticle) -> bool:
        return any(
            parsed.matches(index, key) for index, _, _ in parsed.blocks() for key in self.when
        )

    def _satisfied(self, parsed: ParsedArticle) -> bool:
        """Whether a block of the segment meets the requirement."""
        region = None if self.rule.include_chrome else "body"
        for index, block, _ in parsed.blocks(region=region):
            if self.rule.links_count and (block.links or block.citations):
                return True
            if block.text.strip(" :.").lower() in self.headings:
                return True
            if any(parsed.matches(index, key) for key in self.satisfied_by):
                return True
        return False


@dataclass
class _Found:
    """What the segments read so far hold: a trigger, something that meets the requirement."""

    trigger: bool = False
    requirement: bool = False


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""
