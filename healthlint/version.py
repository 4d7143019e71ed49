"""healthlint's version, in a module of its own so that the cache and the baseline can name it
without importing the package's API."""

__version__ = "0.2.0"

# Where healthlint is published; pyproject.toml's [project.urls] says the same (a test holds them
# together). SARIF viewers link each built-in rule to its section of docs/rules.md there.
HOMEPAGE = "https://github.com/healthlint/healthlint"


def rule_doc_uri(code: str, name: str) -> str:
    """The rule's section of docs/rules.md at this release's tag (GitHub's heading anchors)."""
    return f"{HOMEPAGE}/blob/v{__version__}/docs/rules.md#{code.lower()}-{name}"
