"""Errors that know how to show themselves as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass

from generator.report import counted


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    warning: bool = False

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        kind = "warning: " if self.warning else ""
        text = f"{where}: {kind}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class TimelineError(Exception):
    """An error to report to the user, with the exit status it deserves."""

    exit_code = 1

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems

    def __reduce__(self) -> tuple[type, tuple[str, tuple[Problem, ...]]]:  # crosses from a build process whole
        return (type(self), (str(self), self.problems))

    def format_message(self) -> str:
        lines = [p.format() for p in self.problems]
        lines.append(str(self))
        return "\n".join(lines)


def stop_on(problems: list[Problem] | tuple[Problem, ...]) -> None:
    """Raises TimelineError listing the errors among `problems` (warnings do not stop a build)."""
    errors = tuple(p for p in problems if not p.warning)
    if errors:
        raise TimelineError(f"build stopped: {counted(len(errors), 'problem')} in content/; site/ was not changed", errors)
