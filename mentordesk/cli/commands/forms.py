"""``forms print``: a programme's blank application form, on paper or as a fillable PDF.

Returned fillable forms are imported with ``import participants FILE_OR_FOLDER``.
"""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from mentordesk.cli.common import CommandError, chosen_programme_id, open_db, run, say


def register(subparsers) -> None:
    parser = subparsers.add_parser("forms", help="print application forms (paper or fillable PDF)")
    commands = parser.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    printing = commands.add_parser(
        "print",
        help="a blank application form for mentors or mentees",
        description="Write a programme's application form: the usual questions, the programme's custom "
        "fields for the role and, for mentees, the parent or carer section with the consent statements. "
        "With --fillable the PDF has boxes to type into; import returned copies with "
        "'mentordesk import participants FILE_OR_FOLDER'.",
    )
    printing.add_argument("--programme", help="programme name or id (default: the only programme)")
    printing.add_argument("--role", choices=("mentor", "mentee"), required=True)
    printing.add_argument("--fillable", action="store_true", help="a fillable PDF to e-mail (else for paper)")
    printing.add_argument("--out", type=Path, required=True, metavar="FILE", help="the PDF to write")
    printing.set_defaults(func=cmd_forms_print)


@run
def cmd_forms_print(args: Namespace) -> int:
    from mentordesk.services import forms

    open_db(args, writes=False)
    programme_id = chosen_programme_id(args)
    if args.out.suffix.lower() != ".pdf":
        raise CommandError(f"{args.out.name}: the form is a PDF, so give a file name ending in .pdf.")
    try:
        path = forms.print_form(programme_id, args.role, args.out, fillable=args.fillable)
    except forms.FormError as exc:
        raise CommandError(str(exc)) from None
    kind = "fillable" if args.fillable else "printable"
    say(f"Wrote the {kind} {args.role} application form to {path}.")
    return 0
