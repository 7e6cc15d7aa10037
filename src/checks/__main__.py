"""``python -m checks``, and the ``checks`` command: the command line, with an interrupt told in one line from the
first moment.

The command line imports most of the package (pydantic and the model's classes among it), which takes a few tenths
of a second; a Ctrl-C in that time would otherwise end in a traceback through the imports, where one later ends in
:func:`checks.cli.main`'s line. Nothing is written before the imports end.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130  # as checks.options says, which is not imported yet


def main() -> int:
    try:
        from checks.cli import main as run
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    return run()


if __name__ == "__main__":
    sys.exit(main())
