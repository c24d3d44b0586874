"""No public export or report contains contact names, e-mail addresses or a lab's own answers.

The fixture plants contact persons on labs, "other" free texts, a tip and one lab's odd FTE;
every public output (open data in all formats, the data package, the reports as HTML text and
PDF text, the public pages) is scanned for them.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from datalab_monitor.registry.models import Datalab
from tests.reports.fixtures import CONTACT_EMAILS, CONTACT_NAMES, SECRETS
from tests.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def zip_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def plant_unconsented_profile_contacts() -> None:
    """Profiles and projects of labs whose contact (also on the profile) did not consent."""
    from datalab_monitor.labpages.models import LabProfile, Project

    for lab, name, email in zip(
        Datalab.objects.order_by("number"), CONTACT_NAMES, CONTACT_EMAILS, strict=False
    ):
        LabProfile.objects.create(
            lab=lab, contact_name=name, contact_email=email, contact_consent=False
        )
        Project.objects.create(lab=lab, title_nl=f"Project van lab {lab.number}")


def public_outputs(client) -> dict[str, str]:
    """Every public download and report of the open-data and report apps, as text."""
    outputs = {}
    urls = ["/open-data/", "/rapport/", "/open-data/datapackage.json"]
    for name in ["register", "register-municipalities", "findings", "codebook", "projects"]:
        urls += [f"/open-data/{name}.csv", f"/open-data/{name}.json"]
    urls += ["/open-data/waves/test-2024/findings.csv", "/open-data/waves/test-2024/findings.json"]
    urls += ["/open-data/codebook/2019.csv", "/rapport/test-2024/?format=html&lang=nl"]
    urls += ["/rapport/test-2024/?format=html&lang=en", "/open-data/lab-profiles.csv"]
    # The labs' own pages: profiles, projects, peers, municipality pages (issue 14).
    urls += [lab.get_absolute_url() for lab in Datalab.objects.all()[:3]]
    urls += ["/projecten/", "/gemeenten/GM0153/", "/gemeenten/GM1980/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        outputs[url] = response.content.decode("utf-8")
    for url in [
        "/open-data/register.xlsx",
        "/open-data/register-municipalities.xlsx",
        "/open-data/findings.xlsx",
        "/open-data/waves/test-2024/findings.xlsx",
        "/open-data/codebook/2019.xlsx",
    ]:
        outputs[url] = xlsx_text(client.get(url).content)
    outputs["/open-data/datapackage.zip"] = zip_text(
        client.get("/open-data/datapackage.zip").content
    )
    pdf = client.get("/rapport/test-2024/?format=pdf&lang=nl").content
    outputs["report PDF"] = pdf_text(pdf)
    return outputs


def test_no_public_output_holds_personal_data_or_a_labs_answers(fixture_wave, client):
    plant_unconsented_profile_contacts()
    assert Datalab.objects.filter(contact_name__in=CONTACT_NAMES).count() == len(CONTACT_NAMES)
    outputs = public_outputs(client)
    assert len(outputs) > 15
    for where, text in outputs.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} found in {where}"
        assert not EMAIL.findall(text), f"an e-mail address in {where}: {EMAIL.findall(text)}"
        assert "contact_" not in text, where
    for address in CONTACT_EMAILS:  # the planted data is really there, so the scan can fail
        assert Datalab.objects.filter(contact_email=address).exists()
