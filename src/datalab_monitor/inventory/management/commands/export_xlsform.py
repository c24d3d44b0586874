"""``datalab-monitor export_xlsform --version 2019 -o FILE.xlsx``: the questionnaire as XLSForm."""

from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.questionnaire import QuestionnaireError, available_versions, load_version
from datalab_monitor.questionnaire.xlsform import export_xlsform


class Command(BaseCommand):
    help = "Export a questionnaire version as an XLSForm (for KoboToolbox or ODK)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version (questionnaire version) replaces Django's --version (Django's own).
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--version",
            dest="questionnaire_version",
            required=True,
            help=f"Questionnaire version, one of {available_versions()}.",
        )
        parser.add_argument("-o", "--output", required=True, help="The .xlsx file to write.")

    def handle(self, *args, **options):
        try:
            questionnaire = load_version(options["questionnaire_version"])
        except QuestionnaireError as exc:
            raise CommandError(str(exc)) from exc
        path = export_xlsform(questionnaire, options["output"])
        self.stdout.write(f"XLSForm of questionnaire {questionnaire.version} written to {path}")
