namespace Coffer.Language.Schemas;

/// <summary>The schema of schemas: what <c>fn::validate</c> accepts as its <c>schema</c>.</summary>
internal static class MetaSchema
{
    public static Schema Instance { get; } = Schema.Parse("""
        {
          "$defs": {
            "schema": {
              "anyOf": [
                {"type": "boolean"},
                {
                  "type": "object",
                  "properties": {
                    "$defs": {"type": "object", "additionalProperties": {"$ref": "#/$defs/schema"}},
                    "$ref": {"type": "string"},
                    "anyOf": {"type": "array", "items": {"$ref": "#/$defs/schema"}},
                    "oneOf": {"type": "array", "items": {"$ref": "#/$defs/schema"}},
                    "prefixItems": {"type": "array", "items": {"$ref": "#/$defs/schema"}},
                    "items": {"$ref": "#/$defs/schema"},
                    "additionalProperties": {"$ref": "#/$defs/schema"},
                    "properties": {"type": "object", "additionalProperties": {"$ref": "#/$defs/schema"}},
                    "type": {"anyOf": [{"type": "string", "enum": ["string", "number", "boolean", "array", "object", "null"]}]},
                    "const": {},
                    "enum": {"type": "array"},
                    "multipleOf": {"type": "number"},
                    "maximum": {"type": "number"},
                    "exclusiveMaximum": {"type": "number"},
                    "minimum": {"type": "number"},
                    "exclusiveMinimum": {"type": "number"},
                    "maxLength": {"type": "number"},
                    "minLength": {"type": "number"},
                    "pattern": {"type": "string"},
                    "maxItems": {"type": "number"},
                    "minItems": {"type": "number"},
                    "uniqueItems": {"type": "boolean"},
                    "maxProperties": {"type": "number"},
                    "minProperties": {"type": "number"},
                    "required": {"type": "array", "items": {"type": "string"}},
                    "dependentRequired": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                    "title": {"type": "string"},
                    "description": {"type": "string"},
                    "default": {},
                    "deprecated": {"type": "boolean"},
                    "examples": {"type": "array"},
                    "secret": {"type": "boolean"},
                    "rotateOnly": {"type": "array", "items": {"type": "string"}}
                  }
                }
              ]
            }
          },
          "$ref": "#/$defs/schema"
        }
        """);
}
