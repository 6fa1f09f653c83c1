using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>The bound check itself: it catches each way a schema can admit an unbounded container, and passes a bounded one.</summary>
public sealed class SchemaBoundsTests
{
    [Theory]
    [InlineData("""{"type":"object","properties":{"ids":{"type":"array","items":{"type":"string"}}},"additionalProperties":false}""", "#/properties/ids: an array without maxItems")]
    [InlineData("""{"type":"object","properties":{"ids":{"type":"array","maxItems":5000,"items":{"type":"string"}}},"additionalProperties":false}""", "#/properties/ids: \"maxItems\": 5000 is above")]
    [InlineData("""{"type":"object","properties":{"ids":{"type":"array","maxItems":10}},"additionalProperties":false}""", "#/properties/ids: its items may be any JSON value")]
    [InlineData("""{"type":"object","properties":{"any":{"description":"anything"}},"additionalProperties":false}""", "#/properties/any: admits any JSON value")]
    [InlineData("""{"type":"object","properties":{"tags":{"type":"object","additionalProperties":{"type":"string"}}},"additionalProperties":false}""", "#/properties/tags: an object that takes properties it does not name, without maxProperties")]
    [InlineData("""{"type":"object","properties":{"tags":{"type":"object","maxProperties":10}},"additionalProperties":false}""", "#/properties/tags: its other properties may hold any JSON value")]
    [InlineData("""{"type":"object","$defs":{"ids":{"type":["array","null"],"items":{"type":"string"}}},"properties":{"ids":{"$ref":"#/$defs/ids"}},"additionalProperties":false}""", "#/$defs/ids: an array without maxItems")]
    [InlineData("""{"type":"object","properties":{"x":{"anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]}},"additionalProperties":false}""", "#/properties/x/anyOf/1: an array without maxItems")]
    public void Problems_UnboundedContainer_IsNamed(string schema, string expected)
    {
        var problems = SchemaBounds.Problems(JsonNode.Parse(schema));

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_BoundedSchema_None()
    {
        var schema = JsonNode.Parse("""
            {
              "type": "object",
              "properties": {
                "ids": { "type": "array", "maxItems": 100, "uniqueItems": true, "items": { "type": "string" } },
                "tags": { "type": "object", "maxProperties": 20, "additionalProperties": { "type": "string" } },
                "hours": { "type": "object", "properties": { "start": { "type": "string" } }, "additionalProperties": false },
                "kind": { "enum": ["a", "b"] },
                "to": { "$ref": "#/$defs/addresses", "minItems": 1 }
              },
              "anyOf": [{ "required": ["ids"] }, { "required": ["tags"] }],
              "$defs": { "addresses": { "type": "array", "maxItems": 100, "items": { "type": "string" } } },
              "additionalProperties": false
            }
            """);

        Assert.Empty(SchemaBounds.Problems(schema));
    }
}
