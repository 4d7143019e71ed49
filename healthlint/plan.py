"""What a ``check`` run is asked to do, as the command line gave it: the files, the settings,
the mode (report, fix, diff, record a baseline) and the output. The CLI builds one; the run
and the output read it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .config import Settings, effective_settings, load_config_file
from .findings import Severity
from .pipeline import Mode


@dataclass(frozen=True)
class Plan:
    paths: tuple[str, ...] = (".",)
    config: Path | None = None  # one configuration for every file, instead of searching
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    packs: tuple[Path, ...] = ()
    workers: int = 1
    cache_dir: Path | None = None  # None: no cache
    today: dt.date | None = None  # the day stale-review-date compares with (default: today)
    fix: bool = False
    diff: bool = False
    baseline: Path | None = None  # report only findings not in it
    write_baseline: Path | None = None  # record every finding in it instead of reporting
    format: str = "text"
    color: str = "auto"
    show_source: bool | None = None  # None: on a terminal
    statistics: bool = False
    min_severity: Severity | None = None
    fail_on: str | None = None  # a severity, or "never"
    output_file: Path | None = None  # a second copy of the report
    output_format: str | None = None  # its format (default: from its suffix)
    stdin: bytes | None = None  # the text of "-"
    stdin_filename: str | None = None  # the name "-" is linted as
    allow_empty: bool = False  # finding no articles is no error in CI
    force_exclude: bool | None = None  # named files obey `exclude` (None: as configured)

    @property
    def mode(self) -> Mode:
        return Mode.diff if self.diff else Mode.fix if self.fix else Mode.report

    @cached_property
    def _fixed(self) -> Settings | None:
        return load_config_file(self.config) if self.config is not None else None

    @property
    def fixed_settings(self) -> Settings | None:
        """--config's settings, which govern every file; None: each file's nearest."""
        return self._fixed

    def settings_for(self, path: Path) -> Settings:
        """The settings of one file: its configuration, this run's flags, per-file ignores."""
        return effective_settings(path, self._fixed, select=self.select, ignore=self.ignore)
