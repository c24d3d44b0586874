"""The researchers' menu entry is shown only to users with the monitor permission."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse


@pytest.mark.django_db
def test_researchers_menu_entry_only_with_the_monitor_permission(
    client, register, django_user_model
):
    wave_list = reverse("inventory:wave-list")
    assert f'href="{wave_list}"' not in client.get("/").content.decode()
    staff = django_user_model.objects.create_user("onderzoeker", password="x", is_staff=True)
    client.force_login(staff)
    page = client.get("/").content.decode()
    assert f'href="{wave_list}"' not in page  # is_staff alone is not enough
    assert "Uitloggen" in page and 'action="/admin/logout/"' in page
    staff.groups.add(Group.objects.get(name="Meelezer"))
    page = client.get("/").content.decode()
    assert f'href="{wave_list}"' in page
    assert "Inventarisatie (onderzoekers)" in page
