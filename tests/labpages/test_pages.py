"""Profiles and projects: versioning, consent, approval, revert; the public pages and filters."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

from datalab_monitor.labpages import changes
from datalab_monitor.labpages.demo import create_demo_pages
from datalab_monitor.labpages.models import ChangeRecord, LabProfile, Project

pytestmark = pytest.mark.django_db
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
AUTHOR = changes.Author("test coordinator")


def profile_data(**extra):
    return {
        "description_nl": "Wij werken aan armoede.",
        "domains": ["social"],
        "partner_codes": ["cbs"],
        **extra,
    }


def test_every_change_is_versioned_and_can_be_reverted(lab, admin_user):
    first = changes.change_profile(lab, profile_data(start_year=2017), AUTHOR)
    second = changes.change_profile(lab, {"start_year": 2018}, AUTHOR)
    assert changes.change_profile(lab, {"start_year": 2018}, AUTHOR) is None  # no change
    assert first.before is None and second.before["start_year"] == 2017
    assert second.after["start_year"] == 2018 and second.author == "test coordinator"
    changes.revert(second, admin_user)
    assert LabProfile.objects.get(lab=lab).start_year == 2017
    assert ChangeRecord.objects.get(pk=second.pk).status == "reverted"
    with pytest.raises(changes.ChangeError):
        changes.revert(ChangeRecord.objects.get(pk=second.pk), admin_user)
    assert ChangeRecord.objects.filter(lab=lab).count() == 3


def test_a_created_project_is_reverted_by_removing_it(lab, admin_user, client):
    change = changes.save_project(lab, {"title_nl": "Nieuw"}, AUTHOR)
    assert client.get(change.project.get_absolute_url()).status_code == 200
    changes.revert(change, admin_user)
    assert Project.objects.get(pk=change.project.pk).removed
    assert client.get(change.project.get_absolute_url()).status_code == 404


def test_contact_is_public_only_with_consent_and_withdrawal_removes_it(lab, client, admin_user):
    changes.change_profile(
        lab, profile_data(contact_name="Pia Publiek", contact_email="pia@example.org"), AUTHOR
    )
    profile = LabProfile.objects.get(lab=lab)
    assert profile.contact_name == "" and profile.public_contact is None  # no consent: not kept
    given = changes.change_profile(
        lab,
        {
            "contact_name": "Pia Publiek",
            "contact_email": "pia@example.org",
            "contact_consent": True,
        },
        AUTHOR,
    )
    html = client.get(lab.get_absolute_url()).content.decode()
    assert "Pia Publiek" in html and "pia@example.org" in html
    assert lab.contact_email not in html and lab.contact_name not in html  # the register's
    changes.change_profile(lab, {"contact_consent": False}, AUTHOR)
    html = client.get(lab.get_absolute_url()).content.decode()
    assert "Pia Publiek" not in html and "pia@example.org" not in html
    # Reverting an older change never brings a withdrawn contact back.
    changes.revert(given, admin_user)
    assert LabProfile.objects.get(lab=lab).public_contact is None


@override_settings(DATALAB_PROFILE_APPROVAL=True)
def test_with_approval_changes_wait(lab, admin_user, client):
    pending = changes.change_profile(lab, profile_data(start_year=2016), AUTHOR)
    assert pending.status == "pending" and not LabProfile.objects.filter(lab=lab).exists()
    project = changes.save_project(lab, {"title_nl": "Wacht op goedkeuring"}, AUTHOR)
    assert project.project is None and not Project.objects.exists()
    changes.approve(pending, admin_user)
    changes.approve(project, admin_user)
    assert LabProfile.objects.get(lab=lab).start_year == 2016
    assert "Wacht op goedkeuring" in client.get(lab.get_absolute_url()).content.decode()
    rejected = changes.save_project(lab, {"title_nl": "Afgewezen"}, AUTHOR)
    changes.reject(rejected, admin_user)
    assert not Project.objects.filter(title_nl="Afgewezen").exists()


def test_researcher_reverts_in_the_admin(lab, admin_client):
    change = changes.change_profile(lab, profile_data(website="https://lab.example.org"), AUTHOR)
    admin_client.post(
        "/admin/labpages/changerecord/",
        {"action": "revert_changes", "_selected_action": [change.pk]},
    )
    assert LabProfile.objects.get(lab=lab).website == ""
    assert admin_client.get(f"/admin/labpages/changerecord/{change.pk}/change/").status_code == 200


def test_coordinator_edits_profile_and_adds_project_through_the_link(client, lab, token):
    base = f"/datalabs/bewerken/{token}/"
    assert client.get(base + "profiel/").status_code == 200
    bad = client.post(base + "profiel/", {"website": "geen adres", "start_year": "1200"})
    assert bad.status_code == 400 and not LabProfile.objects.exists()
    response = client.post(
        base + "profiel/",
        {
            "description_nl": "Het lab van Twente.",
            "description_en": "The Twente lab.",
            "start_year": "2016",
            "partner_codes": ["cbs", "universities"],
            "domains": ["social"],
        },
    )
    assert response.status_code == 302
    response = client.post(
        base + "projecten/nieuw/",
        {
            "title_nl": "Armoede in kaart",
            "domains": ["social"],
            "analysis_types": ["descriptive"],
            "data_sources": ["cbs"],
            "year": "2024",
            "status": "completed",
            "reusable": "on",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(title_nl="Armoede in kaart")
    page = client.get(lab.get_absolute_url()).content.decode()
    assert "Het lab van Twente." in page and "Armoede in kaart" in page and "2016" in page
    assert project.reusable and ChangeRecord.objects.filter(edit_link__isnull=False).count() == 2
    assert client.get(f"/projecten/{project.pk}/").status_code == 200
    # Removing takes it off the public pages, and is versioned too.
    client.post(base + f"projecten/{project.pk}/", {"remove": "1"})
    assert client.get(f"/projecten/{project.pk}/").status_code == 404


def test_project_filters(lab, other_lab, client):
    changes.save_project(lab, {"title_nl": "Sociaal A", "domains": ["social"]}, AUTHOR)
    changes.save_project(
        other_lab,
        {"title_nl": "Mobiel B", "domains": ["mobility"], "data_sources": ["cbs"]},
        AUTHOR,
    )

    def titles(query):
        html = client.get("/projecten/" + query).content.decode()
        return {t for t in ["Sociaal A", "Mobiel B"] if t in html}

    assert titles("") == {"Sociaal A", "Mobiel B"}
    assert titles("?domain=social") == {"Sociaal A"}
    assert titles("?domain=social&domain=mobility") == {"Sociaal A", "Mobiel B"}
    assert titles("?source=cbs") == {"Mobiel B"}
    assert titles("?q=mobiel") == {"Mobiel B"}
    assert titles(f"?category={lab.category.code}") >= {"Sociaal A"}
    province = lab.municipalities.first().province.code
    assert "Sociaal A" in titles(f"?province={province}")
    assert client.get("/projecten/?domain=nonsense&pagina=abc").status_code == 200


def test_lab_page_shows_peers_with_reasons(lab, other_lab, client):
    changes.change_profile(lab, profile_data(), AUTHOR)
    changes.change_profile(other_lab, profile_data(), AUTHOR)
    html = client.get(lab.get_absolute_url()).content.decode()
    assert other_lab.name in html
    assert "Werkt ook in sociaal domein, samen met CBS" in html


def test_merged_municipality_redirects_to_its_successor(client, register):
    response = client.get("/gemeenten/GM0398/")
    assert response.status_code == 301 and response["Location"] == "/gemeenten/GM1980/"
    assert client.get("/gemeenten/gm0398/").status_code == 301
    page = client.get("/gemeenten/GM1980/?domain=social")
    html = page.content.decode()
    assert page.status_code == 200 and "Dijk en Waard" in html and "Heerhugowaard" in html
    assert client.get("/gemeenten/GM9999/").status_code == 404
    assert client.get("/gemeenten/bogus/").status_code == 404


def test_municipality_search(client, register):
    assert client.get("/gemeenten/?q=Heerhugowaard")["Location"] == "/gemeenten/GM0398/"
    assert client.get("/gemeenten/?q=zzzz").status_code == 200
    assert client.get("/gemeenten/").status_code == 200


def test_demo_is_fictional_and_labelled(register, client):
    made = create_demo_pages()
    assert made > 0 and not Project.objects.filter(is_fictional=False).exists()
    assert all(p.title_nl.startswith("Demo:") for p in Project.objects.all())
    project = Project.objects.first()
    assert "Verzonnen" in client.get(project.get_absolute_url()).content.decode()
    assert create_demo_pages() == made
    html = client.get("/gemeenten/GM0363/").content.decode()
    assert "Demo:" in html


def test_no_personal_data_on_public_lab_pages(lab, client):
    create_demo_pages()
    changes.change_profile(
        lab, {"contact_name": "Geheim Persoon", "contact_email": "geheim@example.org"}, AUTHOR
    )
    for url in [lab.get_absolute_url(), "/projecten/", "/gemeenten/GM0153/"]:
        html = client.get(url).content.decode()
        assert "Geheim Persoon" not in html and "Registered Person" not in html, url
        assert not EMAIL.findall(html), url


def test_open_data_has_projects_and_profiles_but_no_contact(lab, client):
    create_demo_pages()
    changes.change_profile(
        lab,
        {
            "contact_name": "Pia Publiek",
            "contact_email": "pia@example.org",
            "contact_consent": True,
        },
        AUTHOR,
    )
    for name in ["projects", "lab-profiles"]:
        for fmt in ["csv", "json"]:
            response = client.get(f"/open-data/{name}.{fmt}")
            text = response.content.decode()
            assert response.status_code == 200 and "Demo:" in text
            assert "Pia Publiek" not in text and not EMAIL.findall(text), (name, fmt)
    package = client.get("/open-data/datapackage.json").content.decode()
    assert '"projects.csv"' in package and '"lab-profiles.csv"' in package


def test_demo_runs_again_without_changing_anything(register):
    create_demo_pages()
    before = sorted(Project.objects.values_list("pk", "title_nl", "year", "domains"))
    create_demo_pages()
    assert sorted(Project.objects.values_list("pk", "title_nl", "year", "domains")) == before


def test_a_first_profile_starts_from_the_register(client, lab, token):
    lab.start_year, lab.website = 2015, "https://twente.example.org"
    lab.save()
    html = client.get(f"/datalabs/bewerken/{token}/profiel/").content.decode()
    assert 'value="2015"' in html and "https://twente.example.org" in html


def test_with_approval_a_withdrawn_consent_does_not_wait(lab, admin_user, settings):
    contact = {"contact_name": "Pia Publiek", "contact_email": "pia@example.org"}
    changes.change_profile(lab, {**contact, "contact_consent": True}, AUTHOR)
    settings.DATALAB_PROFILE_APPROVAL = True
    pending = changes.change_profile(lab, {"contact_consent": False, "start_year": 2020}, AUTHOR)
    profile = LabProfile.objects.get(lab=lab)
    assert pending.status == "pending" and profile.public_contact is None
    assert profile.contact_name == "" and profile.start_year is None
    changes.reject(pending, admin_user)
    assert LabProfile.objects.get(lab=lab).public_contact is None
