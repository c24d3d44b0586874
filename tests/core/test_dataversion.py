"""The data version: every change to public data, in any app, gives it a new stamp."""

from __future__ import annotations

import pytest

from datalab_monitor.core import backup
from datalab_monitor.core.dataversion import current_stamp
from datalab_monitor.inventory.models import Wave
from datalab_monitor.labpages.models import LabProfile, Project
from datalab_monitor.registry.models import Category, Datalab, Do, Municipality, Partner, Province

pytestmark = pytest.mark.django_db


def renews(change) -> bool:
    before = current_stamp()
    change()
    return current_stamp() != before


def test_every_public_model_renews_the_stamp(register):
    lab = Datalab.objects.order_by("number").first()
    municipality = Municipality.objects.exclude(pk__in=lab.municipalities.all()).first()
    for model in (Province, Municipality, Category, Do, Datalab, Wave):
        row = model.objects.first()
        assert renews(row.save), model
    partner = Partner.objects.create(name="Nieuwe partner")
    assert renews(lambda: lab.partners.add(partner))
    assert renews(lambda: lab.municipalities.add(municipality))
    assert renews(lambda: municipality.successors.add(Municipality.objects.last()))
    profile = LabProfile.objects.create(lab=lab)
    assert renews(profile.save)
    project = Project.objects.create(lab=lab, title_nl="Nieuw project")
    assert renews(project.delete)
    assert renews(partner.delete)


def test_a_restore_renews_the_stamp_and_backups_leave_it_out(register, tmp_path):
    assert "core.dataversion" not in {m._meta.label_lower for m in backup.backed_up_models()}
    path = tmp_path / "backup.zip"
    backup.write_backup(path)
    assert renews(lambda: backup.restore_backup(path, force=True))
