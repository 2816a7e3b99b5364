"""The ``kb`` command: every contributor and maintainer task, one sub-command each (``kb --help``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from govkb.content.layout import Layout
from govkb.content.load import load
from govkb.content.problems import ContentError

from .project import project_root


def validate(args: argparse.Namespace) -> int:
    try:
        kb = load(Layout(args.root))
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"\n{len(error.problems)} problem(s) found; nothing was built.", file=sys.stderr)
        return 1
    for warning in kb.warnings:
        print(f"warning: {warning}")
    print(f"OK: {len(kb.cases)} cases, {len(kb.indicators)} indicators, {len(kb.cities)} cities"
          + (f"; {len(kb.warnings)} warning(s): translations missing, pages built in the original language." if
             kb.warnings else "."))
    return 0


def new_case(args: argparse.Namespace) -> int:
    from .scaffold import run

    return run(args)


def build(args: argparse.Namespace) -> int:
    from .sitebuild import safe_build

    return safe_build(args.root, (args.site_dir or args.root / "site").resolve())


def schema(args: argparse.Namespace) -> int:
    from .schema import schema_texts

    out = args.root / "schema"
    out.mkdir(exist_ok=True)
    for name, text in schema_texts().items():
        (out / name).write_text(text, encoding="utf-8")
        print(f"wrote schema/{name}")
    return 0


def field_reference(args: argparse.Namespace) -> int:
    from .fieldref import field_reference as generated_reference
    from .fieldref import replace_between_markers

    generated = generated_reference()
    if args.write:
        path = args.root / "CONTRIBUTING.md"
        path.write_text(replace_between_markers(path.read_text(encoding="utf-8"), generated), encoding="utf-8")
        print("updated the field reference in CONTRIBUTING.md")
    else:
        print(generated, end="")
    return 0


def issue_forms(args: argparse.Namespace) -> int:
    from .forms import run

    return run(args)


def case_from_issue(args: argparse.Namespace) -> int:
    from .fromissue import run

    return run(args, "case")


def city_from_issue(args: argparse.Namespace) -> int:
    from .fromissue import run

    return run(args, "city")


def messages(args: argparse.Namespace) -> int:
    from .messages import run

    return run(args)


def bench(args: argparse.Namespace) -> int:
    from .bench import run

    return run(args)


def lighthouse(args: argparse.Namespace) -> int:
    from .lighthouse import run

    return run(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kb", description="Work on the Smart Governance knowledge base.")
    top.add_argument("--root", type=Path, help="the project folder (default: the one holding mkdocs.yml, from here up)")
    commands = top.add_subparsers(dest="command", required=True, metavar="command")

    def command(name: str, run: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    command("validate", validate, "Check every case, indicator, city and taxonomy file; print path:line: field: "
                                  "message for each problem and exit 1 if there is any.")
    scaffold = command("new-case", new_case, "Create a new, valid case file in cases/ from flags or prompts.")
    from .scaffold import add_arguments

    add_arguments(scaffold)
    built = command("build", build, "Build the site into a temporary folder and swap it into site/ only when the "
                                    "build succeeds.")
    built.add_argument("--site-dir", type=Path, help="where the site goes (default: site/)")
    command("schema", schema, "Write the JSON Schemas of the content files into schema/ (after changing the model).")
    reference = command("field-reference", field_reference, "Print the field reference generated from the model.")
    reference.add_argument("--write", action="store_true", help="put it into CONTRIBUTING.md instead")
    forms = command("issue-forms", issue_forms, "Write the GitHub issue forms for a new case and a new city, in each "
                                                "language, into .github/ISSUE_TEMPLATE/ from the model and the data.")
    forms.add_argument("--check", action="store_true", help="only check that the committed forms are up to date")
    from .fromissue import add_arguments as from_issue_arguments

    from_issue_arguments(command("case-from-issue", case_from_issue, "Turn the text of an issue written with the "
                                 "'New case' form into cases/<slug>.md, validated; list what to correct otherwise."),
                         "case")
    from_issue_arguments(command("city-from-issue", city_from_issue, "Add the city of an issue written with the "
                                 "'New city' form to data/cities.yaml, validated; list what to correct otherwise."),
                         "city")
    command("messages", messages, "Gather the interface's words into govkb/locales/messages.pot and update each "
                                  "language's catalogue (govkb/locales/<lang>.po) for translators.")
    from .bench import add_arguments as bench_arguments

    bench_arguments(command("bench", bench, "Benchmark builds at scale against bare Material and print the "
                                            "table and the targets."))
    from .lighthouse import add_arguments as lighthouse_arguments

    lighthouse_arguments(command("lighthouse", lighthouse, "Lighthouse scores of every kind of page of the built "
                                                           "site (needs npm and Debian's chromium)."))
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.root = project_root(args.root)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
