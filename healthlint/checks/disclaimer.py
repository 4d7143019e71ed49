"""missing-disclaimer: the article never says it is information, not medical advice."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .base import Check, Hit, ParsedArticle, compile_patterns, register


class DisclaimerData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    headings: list[str] = Field(default_factory=list)
    patterns: dict[str, list[str | list[dict[str, Any]]]]


@register("missing_disclaimer")
class MissingDisclaimer(Check):
    Data = DisclaimerData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        from spacy.matcher import Matcher

        patterns = dict(self.data.patterns)
        if self.settings.disclaimer_phrases:
            patterns["configured"] = list(self.settings.disclaimer_phrases)
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        compile_patterns(self.matcher, patterns, self.nlp)
        self.headings = {heading.lower() for heading in self.data.headings}

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        # Footers and asides count: that is where many sites keep their disclaimer.
        for _, block, doc in parsed.blocks(region=None):
            if block.text.strip(" :.").lower() in self.headings or self.matcher(doc):
                return ()
        return (Hit(block=None),)
