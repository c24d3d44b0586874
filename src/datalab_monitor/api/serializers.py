"""Input of the write API (validated by DRF; the same classes document the OpenAPI schema)."""

from __future__ import annotations

from rest_framework import serializers

from datalab_monitor.inventory.imports import shipped_mappings
from datalab_monitor.registry.models import Datalab

MAX_IMPORT_SIZE = 10 * 1024 * 1024


class DatalabPatch(serializers.Serializer):
    """The register fields a researcher may change (never contact data: that stays in the admin)."""

    name = serializers.CharField(max_length=200)
    category = serializers.CharField(max_length=40, help_text="Category code, e.g. internal.")
    status = serializers.ChoiceField(choices=Datalab.Status.values)
    startYear = serializers.IntegerField(min_value=1990, max_value=2100, allow_null=True)
    website = serializers.URLField(max_length=200, allow_blank=True, allow_null=True)
    leadMunicipality = serializers.RegexField(
        r"^GM\d{4}$", allow_null=True, help_text="CBS code of the lead municipality, or null."
    )
    municipalities = serializers.ListField(
        child=serializers.RegexField(r"^GM\d{4}$"),
        min_length=1,
        max_length=500,
        help_text="CBS codes of every municipality the lab covers.",
    )
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=200), max_length=50, help_text="Other names."
    )
    descriptionNl = serializers.CharField(allow_blank=True, max_length=5000)
    descriptionEn = serializers.CharField(allow_blank=True, max_length=5000)

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"body": ["Send a JSON object."]})
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            allowed = ", ".join(self.fields)
            raise serializers.ValidationError(
                {
                    name: [f"This field cannot be changed here; allowed: {allowed}."]
                    for name in unknown
                }
            )
        return super().to_internal_value(data)


class ImportUpload(serializers.Serializer):
    wave = serializers.CharField(max_length=50, help_text="Slug (or year) of the wave.")
    file = serializers.FileField(help_text="The survey tool's export (CSV or XLSX).")
    mapping = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="Name of a shipped mapping, e.g. limesurvey-2019.",
    )
    mappingFile = serializers.FileField(
        required=False, help_text="Your own YAML mapping file; takes precedence over mapping."
    )
    dryRun = serializers.BooleanField(
        default=True, help_text="true (default): check and report only; false: store."
    )
    replace = serializers.BooleanField(
        default=False, help_text="Also overwrite responses the labs entered in the web form."
    )
    sheet = serializers.CharField(max_length=100, required=False, allow_blank=True)
    allowClosed = serializers.BooleanField(
        default=False, help_text="Also import into a closed or published wave."
    )

    def validate_file(self, value):
        if value.size > MAX_IMPORT_SIZE:
            raise serializers.ValidationError("The file is larger than 10 MB.")
        return value

    def validate(self, attrs):
        upload = attrs.get("mappingFile")
        if upload is not None:
            if upload.size > 1024 * 1024:
                raise serializers.ValidationError({"mappingFile": ["Larger than 1 MB."]})
            try:
                attrs["mapping_text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise serializers.ValidationError(
                    {"mappingFile": ["The mapping file is not UTF-8 text."]}
                ) from None
            attrs["mapping_name"] = upload.name
        elif attrs.get("mapping"):
            if attrs["mapping"] not in shipped_mappings():
                known = ", ".join(shipped_mappings())
                raise serializers.ValidationError(
                    {"mapping": [f"Unknown mapping; use one of: {known}, or send mappingFile."]}
                )
            attrs["mapping_name"] = attrs["mapping"]
        else:
            raise serializers.ValidationError({"mapping": ["Give mapping or mappingFile."]})
        return attrs
