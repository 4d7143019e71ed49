"""healthlint's version, in a module of its own so that the cache and the baseline can name it
without importing the package's API."""

__version__ = "0.2.0"
