"""OpenAPI post-processing: the schema says what the API does (issue 14, checked by
Schemathesis in CI: tests/schemathesis.sh).

drf-spectacular documents the success of each operation; this hook adds what every
operation of ours shares, written once: the error answers (400 bad input, 401/403, 404 for
what one may not see, 409 stale version or a clash, 422 a reused Idempotency-Key), the
`Idempotency-Key` header on creates, `version` required on PUT and PATCH and absent from
creates (which would ignore it), and the empty value of every query parameter.
"""

import copy
import re

ERROR = "Error"
FIELD_ERRORS = "FieldErrors"
ERROR_SCHEMAS = {
    ERROR: {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
        "description": "What went wrong, in the language of the request.",
    },
    FIELD_ERRORS: {
        "type": "object",
        "additionalProperties": True,
        "description": (
            "A message list per field that could not be used (nested per row for line "
            "items), `non_field_errors` for rules spanning fields, or `detail`."
        ),
    },
}
DESCRIPTIONS = {
    "400": "Input that cannot be used: a message per field, query parameter or header.",
    "401": "Not signed in: send `Authorization: Token <token>`.",
    "403": "Signed in, but the role may not do this.",
    "404": "No such record, or one the caller may not see (another station's).",
    "409": (
        "The record changed since the `version` sent, is referred to by others, or a "
        "unique value was taken at the same moment."
    ),
    "422": "The Idempotency-Key was already used with another request body.",
}
COLLECTION = re.compile(r"^/api/v1/[a-z-]+/$")
IDEMPOTENCY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
    "description": (
        "Any unique text (e.g. a UUID). Sending the same key and body again within 24 "
        "hours answers the first response instead of creating a second record; the same "
        "key with another body answers 422."
    ),
}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _response(code, schema_name):
    return {
        "description": DESCRIPTIONS[code],
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }


def _errors_of(path, method, operation):
    """The error statuses an operation can answer."""
    public = not operation.get("security") and path == "/api/v1/token/"
    codes = {"400"} if method in ("post", "put", "patch") or "parameters" in operation else set()
    if public:
        return codes
    codes |= {"401", "403"}
    if "{" in path or method == "get":
        codes.add("404")  # a record one may not see; a page past the last
    if method in ("put", "patch", "delete") or (method == "post" and "{" not in path):
        codes.add("409")
    if method == "post" and "{" in path:
        codes.add("409")  # a workflow step on a record changed meanwhile
    if method == "post" and COLLECTION.match(path) and path != "/api/v1/token/":
        codes.add("422")
    return codes


def _json_bodies_only(operation):
    """The API is JSON (SPEC §4): only application/json bodies are documented. DRF's form
    parsers stay for the browsable API, where an empty field means "not given"."""
    content = operation.get("requestBody", {}).get("content")
    if content and "application/json" in content:
        for media_type in list(content):
            if media_type != "application/json":
                del content[media_type]


def _request_components(operation):
    for media in operation.get("requestBody", {}).get("content", {}).values():
        ref = media.get("schema", {}).get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            yield media, ref.rsplit("/", 1)[1]


def _version_rules(path, method, operation, schemas):
    """PUT/PATCH require `version`; a create does not document it (it would be ignored)."""
    for media, name in _request_components(operation):
        component = schemas.get(name)
        if not component or "version" not in component.get("properties", {}):
            continue
        if method in ("put", "patch"):
            required = component.setdefault("required", [])
            if "version" not in required:
                required.append("version")
            component["properties"]["version"].setdefault(
                "description", "The version loaded; a stale one answers 409."
            )
        elif method == "post" and COLLECTION.match(path):
            create_name = re.sub(r"Request$", "CreateRequest", name)
            if create_name not in schemas:
                create = copy.deepcopy(component)
                create["properties"].pop("version")
                if "version" in create.get("required", []):
                    create["required"].remove("version")
                schemas[create_name] = create
            media["schema"] = _ref(create_name)


def _empty_means_not_given(operation):
    """A query parameter sent empty is "not given" (SPEC §2; the pages' filter forms send
    every field), so the empty string is part of each one's schema."""
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema")
        if parameter.get("in") != "query" or not schema or "anyOf" in schema:
            continue
        parameter["schema"] = {"anyOf": [schema, {"type": "string", "enum": [""]}]}


def postprocess(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry (see the module docstring)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for method_ops in list(result.get("paths", {}).items()):
        path, operations = method_ops
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            _json_bodies_only(operation)
            _version_rules(path, method, operation, schemas)
            _empty_means_not_given(operation)
            for code in sorted(_errors_of(path, method, operation)):
                if code not in operation["responses"]:
                    operation["responses"][code] = _response(
                        code, FIELD_ERRORS if code == "400" else ERROR
                    )
            if method == "post" and COLLECTION.match(path) and path != "/api/v1/token/":
                params = operation.setdefault("parameters", [])
                if not any(p.get("name") == "Idempotency-Key" for p in params):
                    params.append(dict(IDEMPOTENCY_HEADER))
    schemas.update(ERROR_SCHEMAS)
    return result
