"""The OpenAPI 3.0 document: response schemas of the plain-dict resources, problem details and
the API-Version header on every response (added by ``postprocess``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema

from . import API_PREFIX, API_VERSION

REF = "#/components/schemas/"


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def obj(required: bool = True, **properties: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(properties)
    return schema


def array(items: dict) -> dict[str, Any]:
    return {"type": "array", "items": items}


def nullable(schema: dict) -> dict[str, Any]:
    if "$ref" in schema:
        return {"allOf": [schema], "nullable": True}
    return {**schema, "nullable": True}


STR = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}
BOOL = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
LINK = ref("Link")
FICTIONAL = {
    "type": "boolean",
    "description": "True: FICTIONAL demo data, made up by the demo command; it did not happen.",
}


def links(*names: str, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    schema = obj(**{name: LINK for name in names})
    schema["properties"].update({name: LINK for name in optional})
    return schema


def page_of(item: str) -> dict[str, Any]:
    return obj(
        _links=links("self", "first", "last", optional=("prev", "next")),
        count=INT,
        page=INT,
        pageSize=INT,
        results=array(ref(item)),
    )


def listing(item: str) -> dict[str, Any]:
    return obj(results=array(ref(item)), _links=links("self"))


CODED = obj(code=STR, label=STR)
NAMED = obj(code=STR, name=STR)
SHARE = obj(code=STR, name=STR, total=INT, covered=INT, notCovered=INT, share=NUM)
TREND_ROW = obj(label=STR, previous=STR, current=STR, change=STR, changeValue=nullable(NUM))

LAB_FIELDS = {
    "number": INT,
    "name": STR,
    "slug": STR,
    "category": ref("Coded"),
    "status": ref("Coded"),
    "startYear": nullable(INT),
    "website": nullable(STR),
    "leadMunicipality": nullable(ref("Named")),
    "provinces": array(ref("Named")),
    "municipalityCount": INT,
}

COMPONENTS: dict[str, dict[str, Any]] = {
    "Link": obj(href={"type": "string", "format": "uri"}),
    "Coded": CODED,
    "Named": NAMED,
    "Problem": {
        "type": "object",
        "description": "Problem details (RFC 9457).",
        "properties": {
            "type": STR,
            "title": STR,
            "status": INT,
            "detail": STR,
            "instance": STR,
            "invalidParams": array(obj(name=STR, reason=STR)),
        },
        "required": ["type", "title", "status", "detail"],
    },
    "ImportProblem": {
        "allOf": [
            ref("Problem"),
            obj(errors=array(ref("ImportIssue")), report=ref("ImportReport")),
        ]
    },
    "Root": obj(name=STR, _links={"type": "object", "additionalProperties": LINK}),
    "DatalabSummary": obj(**LAB_FIELDS, _links=links("self", "category", "html")),
    "Datalab": obj(
        **LAB_FIELDS,
        description=STR,
        municipalities=array(
            obj(
                code=STR,
                name=STR,
                province=ref("Named"),
                validTo=nullable(DATE),
                currentMunicipalities=array(ref("Named")),
                _links=links("self"),
            )
        ),
        partners=array(STR),
        _links=links("self", "category", "html", "profile", "projects"),
    ),
    "DatalabPage": page_of("DatalabSummary"),
    "DatalabRef": obj(number=INT, name=STR, category=ref("Coded"), _links=links("self")),
    "LabProfile": obj(
        datalab=ref("DatalabRef"),
        hasProfile={**BOOL, "description": "False: the lab has not written a profile yet."},
        isFictional=FICTIONAL,
        description={**STR, "description": "The lab's own description, else the register's."},
        website=nullable(STR),
        startYear=nullable(INT),
        domains=array(ref("Coded")),
        partners=array(ref("Coded")),
        partnersOther=array(STR),
        contact=nullable(
            {
                **obj(name=STR, email=STR),
                "description": "Only while the person consents to publication; else null.",
            }
        ),
        updatedAt=nullable({"type": "string", "format": "date-time"}),
        projectCount=INT,
        _links=links("self", "datalab", "projects", "html"),
    ),
    "Project": obj(
        id=INT,
        title=STR,
        summary=STR,
        datalab=ref("DatalabRef"),
        domains=array(ref("Coded")),
        analysisTypes=array(ref("Coded")),
        dataSources=array(ref("Coded")),
        year=nullable(INT),
        status=ref("Coded"),
        resultUrl=nullable(STR),
        codeUrl=nullable(STR),
        reusable=BOOL,
        isFictional=FICTIONAL,
        _links=links("self", "datalab", "html"),
    ),
    "ProjectPage": page_of("Project"),
    "Municipality": obj(
        code=STR,
        name=STR,
        names=array(obj(year=INT, name=STR)),
        province=ref("Named"),
        validFrom=nullable(DATE),
        validTo=nullable(DATE),
        successors=array(ref("Named")),
        predecessors=array(ref("Named")),
        currentMunicipalities=array(ref("Named")),
        datalabs=array(obj(number=INT, name=STR, _links=links("self"))),
        _links=links("self", "nearestDatalabs", "datalabs"),
    ),
    "MunicipalityPage": page_of("Municipality"),
    "NearestDatalabs": obj(
        municipality=nullable(ref("Named")),
        year=INT,
        choices=array(ref("Named")),
        datalabs=array(
            obj(
                number=INT,
                name=STR,
                category=ref("Coded"),
                distanceKm=NUM,
                covers=BOOL,
                _links=links("self"),
            )
        ),
        _links=links("self", "municipality"),
    ),
    "Province": obj(code=STR, name=STR, _links=links("municipalities")),
    "ProvinceList": listing("Province"),
    "Category": obj(
        code=STR,
        label=STR,
        description=STR,
        order=INT,
        datalabCount=INT,
        _links=links("self", "datalabs"),
    ),
    "CategoryList": listing("Category"),
    "Do": obj(number=INT, title=STR, body=STR, _links=links("self")),
    "DoList": listing("Do"),
    "Wave": obj(
        slug=STR,
        year=INT,
        title=STR,
        isSynthetic=BOOL,
        questionnaireVersion=STR,
        labsKnown=nullable(INT),
        questionnairesReceived=nullable(INT),
        responseRate=nullable(NUM),
        interviewsHeld=nullable(INT),
        source=STR,
        previousWave=nullable(STR),
        _links=links("self", "findings", "html"),
    ),
    "WaveList": listing("Wave"),
    "Findings": obj(
        wave=STR,
        title=STR,
        source=STR,
        isSynthetic=BOOL,
        minCell=INT,
        hasResponses=BOOL,
        keyFigures=obj(
            labsKnown=nullable(INT),
            questionnairesReceived=nullable(INT),
            responseRate=nullable(NUM),
            responsePercent=nullable(INT),
            interviewsHeld=nullable(INT),
            perCategory=array(obj(code=STR, label=STR, count=INT)),
        ),
        charts=array(ref("Chart")),
        trend=nullable(
            obj(
                previousWave=STR,
                previousTitle=STR,
                previousIsSynthetic=BOOL,
                tables=array(
                    obj(
                        topic=STR,
                        title=STR,
                        previousBase=INT,
                        currentBase=INT,
                        notComparable=array(STR),
                        rows=array(TREND_ROW),
                        summaryRows=array(TREND_ROW),
                    )
                ),
            )
        ),
        _links=links("self", "wave", "html"),
    ),
    "Chart": obj(
        topic=STR,
        question=STR,
        title=STR,
        base=INT,
        statement=nullable(STR),
        suppressed=BOOL,
        withheld=BOOL,
        breakdownWithheld=BOOL,
        missing=INT,
        notAsked=INT,
        classRule=nullable(STR),
        summary={"type": "object", "additionalProperties": nullable(NUM)},
        rows=array(
            obj(
                code=STR,
                label=STR,
                count=nullable(INT),
                percent=nullable(NUM),
                countDisplay=STR,
                percentDisplay=STR,
                suppression=STR,
                suppressed=BOOL,
            )
        ),
        breakdown=nullable(
            obj(
                columns=array(obj(label=STR, base=INT)),
                rows=array(obj(label=STR, cells=array(STR))),
                unclassified=INT,
            )
        ),
    ),
    "Coverage": obj(
        year=INT,
        availableYears=array(INT),
        national=SHARE,
        provinces=array(SHARE),
        _links=links("self"),
    ),
    "ImportIssue": obj(
        row=nullable(INT),
        column=nullable(STR),
        question=nullable(STR),
        message=STR,
        location=STR,
    ),
    "ImportReport": obj(
        file=STR,
        wave=STR,
        mapping=STR,
        tool=STR,
        dryRun=BOOL,
        stored=BOOL,
        ok=BOOL,
        fileFormat=STR,
        encoding=STR,
        sheet=STR,
        rowsRead=INT,
        summary=STR,
        notes=array(STR),
        problems=array(ref("ImportIssue")),
        outcomes=array(
            obj(
                row=INT,
                labNumber=INT,
                labName=STR,
                action={"type": "string", "enum": ["create", "update", "unchanged"]},
                actionLabel=STR,
                changed=array(STR),
                stored=BOOL,
            )
        ),
    ),
}

ERRORS_READ = (400, 404, 406, 429, 500)
ERRORS_WRITE = (400, 401, 403, 404, 406, 415, 429, 500)
ERROR_TEXT = {
    400: "Invalid parameters or body (see invalidParams).",
    401: "No, or no valid, API token.",
    403: "The token's user lacks the permission.",
    404: "Not found.",
    406: "Only application/json can be produced.",
    415: "Unsupported content type of the body.",
    422: "The import found problems; nothing was stored.",
    429: "Too many requests; see Retry-After.",
    500: "Server error.",
}
VERSION_HEADER = {
    "description": "The full semantic version of the API.",
    "schema": {"type": "string", "example": API_VERSION},
}


def read(name: str, summary: str, parameters: list | None = None, errors=ERRORS_READ):
    """``extend_schema`` for a GET resource answering component ``name``."""
    responses = {200: OpenApiResponse(response=ref(name), description="OK")}
    for status in errors:
        responses[status] = OpenApiResponse(response=ref("Problem"), description=ERROR_TEXT[status])
    return extend_schema(summary=summary, parameters=parameters or [], responses=responses)


def errors(*statuses: int) -> dict:
    return {
        s: OpenApiResponse(response=ref("Problem"), description=ERROR_TEXT[s]) for s in statuses
    }


def query(name: str, description: str, schema: dict | None = None) -> OpenApiParameter:
    schema = schema or {"type": "string", "maxLength": 100}
    return OpenApiParameter(name, schema, OpenApiParameter.QUERY, description=description)


def int_query(name: str, description: str, minimum: int, maximum: int | None = None):
    schema = {"type": "integer", "minimum": minimum}
    if maximum is not None:
        schema["maximum"] = maximum
    return query(name, description, schema)


def path_param(name: str, description: str, pattern: str) -> OpenApiParameter:
    schema = {"type": "string", "pattern": pattern}
    return OpenApiParameter(name, schema, OpenApiParameter.PATH, description=description)


def many(name: str, description: str, items: dict | None = None) -> OpenApiParameter:
    """A repeatable query parameter (``?x=a&x=b``; values combine with OR)."""
    schema = {"type": "array", "items": items or {"type": "string", "maxLength": 100}}
    schema["maxItems"] = 20
    return OpenApiParameter(
        name, schema, OpenApiParameter.QUERY, description=description, style="form", explode=True
    )


PROVINCE = {"type": "string", "pattern": "^PV[0-9]{2}$"}
MUNICIPALITY = {"type": "string", "pattern": "^GM[0-9]{4}$"}
PAGING = [
    int_query("page", "Page number, from 1 (a page after the last one: 404).", 1),
    int_query("pageSize", "Items per page, 1 to 100 (default 50).", 1, 100),
]


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "datalab_monitor.api.authentication.ApiTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema) -> dict:
        return {"type": "http", "scheme": "bearer"}


def operation_id(method: str, path: str) -> str:
    words = [w for w in path.replace("{", "").replace("}", "").split("/") if w]
    return method + "".join(w.replace("-", " ").title().replace(" ", "") for w in words)


# query parameters taking codes of the questionnaire's code lists
CODE_LISTS = {"domein": "domains", "analysetype": "analysis_types", "databron": "data_sources"}


def postprocess(result: dict, generator, request, public) -> dict:
    """Components, problem+json error bodies and the API-Version header on every response."""
    from datalab_monitor.labpages import codelists
    from datalab_monitor.registry.models import Category

    categories = list(Category.objects.values_list("code", flat=True)) or None
    enums = {name: codelists.codes(code_list) for name, code_list in CODE_LISTS.items()}
    if categories is not None:
        enums["categorie"] = categories
    components = result.setdefault("components", {})
    components.setdefault("schemas", {}).update(COMPONENTS)
    components["headers"] = {"API-Version": VERSION_HEADER}
    components.setdefault("securitySchemes", {})["bearerAuth"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "A researcher's API token, created in the admin.",
    }
    components["securitySchemes"].pop("ApiTokenAuthentication", None)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in ("get", "put", "post", "patch", "delete"):
                continue
            operation["operationId"] = operation_id(method, path)
            for parameter in operation.get("parameters", []):
                enum = enums.get(parameter["name"])
                if enum is None:
                    continue
                schema = parameter["schema"]
                if schema.get("type") == "array":
                    schema["items"] = {"type": "string", "enum": enum}
                else:
                    parameter["schema"] = {"type": "string", "enum": enum}
            security = operation.pop("security", [])
            if method != "get":
                operation["security"] = [{"bearerAuth": []}]
            elif security:
                operation["security"] = [{}]
            for status, response in operation.get("responses", {}).items():
                response.setdefault("headers", {})["API-Version"] = {
                    "$ref": "#/components/headers/API-Version"
                }
                content = response.get("content", {})
                if status.startswith(("4", "5")) and "application/json" in content:
                    content["application/problem+json"] = content.pop("application/json")
                if status == "429":
                    response["headers"]["Retry-After"] = {
                        "description": "Seconds to wait before the next request.",
                        "schema": {"type": "integer"},
                    }
    result["servers"] = [{"url": API_PREFIX, "description": "This server"}]
    return result
