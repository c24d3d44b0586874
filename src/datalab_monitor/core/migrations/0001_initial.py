import uuid

from django.db import migrations, models


def first_stamp(apps, schema_editor):
    """A fresh stamp, so nothing cached under an older or missing one is served."""
    apps.get_model("core", "DataVersion").objects.create(pk=1, stamp=uuid.uuid4().hex)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("stamp", models.CharField(max_length=32)),
            ],
            options={
                "verbose_name": "data version",
                "verbose_name_plural": "data versions",
            },
        ),
        migrations.RunPython(first_stamp, migrations.RunPython.noop),
    ]
