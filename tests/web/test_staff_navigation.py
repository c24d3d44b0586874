"""The researchers' menu entry is shown to staff only."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_researchers_menu_entry_only_for_staff(client, register, django_user_model):
    wave_list = reverse("inventory:wave-list")
    assert f'href="{wave_list}"' not in client.get("/").content.decode()
    staff = django_user_model.objects.create_user("onderzoeker", password="x", is_staff=True)
    client.force_login(staff)
    page = client.get("/").content.decode()
    assert f'href="{wave_list}"' in page
    assert "Inventarisatie (onderzoekers)" in page
