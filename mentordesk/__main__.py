"""``python -m mentordesk`` and the ``mentordesk`` command: the GUI, or a CLI subcommand."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from mentordesk.cli import is_cli_invocation

    if is_cli_invocation(args):
        from mentordesk.cli import main as cli_main

        return cli_main(args)
    from mentordesk.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen build's worker processes (agreement batches) start here
    sys.exit(main())
