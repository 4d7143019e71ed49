#!/usr/bin/env python3
"""Build rules/lexicons/lemmas.tsv: English word forms and their lemma, for patterns that match a
word family ("study", "studies", "studied") through ``LEMMA``.

The source is the English lookup table of spaCy's lookup lemmatizer, ``en_lemma_lookup`` in the
``spacy-lookups-data`` package (MIT; its English tables carry the WordNet 3.0 licence). The
whole package is a 98 MB wheel, too heavy for a pre-commit install, so only this table ships,
and only its lower-case alphabetic forms that differ from their lemma.

Run:  python tools/build_lemmas.py [WHEEL]
With no WHEEL it downloads spacy-lookups-data 1.0.5 from the package registry (pip download).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path

from wheels import wheel_path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "lexicons" / "lemmas.tsv"
VERSION = "1.0.5"
TABLE = "spacy_lookups_data/data/en_lemma_lookup.json.gz"
WORD = re.compile(r"^[a-z]+(?:[-'][a-z]+)*$")


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        wheel = wheel_path(argv[0] if argv else None, Path(folder), "spacy-lookups-data", VERSION)
        with zipfile.ZipFile(wheel) as archive:
            table = json.loads(gzip.decompress(archive.read(TABLE)))
    rows = sorted(
        (form, lemma)
        for form, lemma in table.items()
        if WORD.match(form) and WORD.match(lemma) and form != lemma
    )
    with OUT.open("w", encoding="utf-8", newline="\n") as out:
        out.write(f"# form\tlemma: spacy-lookups-data {VERSION}, en_lemma_lookup; see lemmas.md\n")
        out.writelines(f"{form}\t{lemma}\n" for form, lemma in rows)
    print(f"wrote {len(rows)} forms of {len({lemma for _, lemma in rows})} lemmas to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
