"""The JSON Schema of curriculum.yml, generated from the typed models."""

from __future__ import annotations

import json

from .models import Curriculum

SCHEMA_NAME = "curriculum.schema.json"  # next to the data file


def schema_text() -> str:
    schema = Curriculum.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
