from django.db import migrations


class Migration(migrations.Migration):
    """The data version moved to core (core/dataversion.py)."""

    dependencies = [
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="DataVersion"),
    ]
