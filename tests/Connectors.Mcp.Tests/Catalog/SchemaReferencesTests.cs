using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>The reference check itself: local references resolve, anything a client could not resolve is flagged.</summary>
public sealed class SchemaReferencesTests
{
    [Fact]
    public void Problems_LocalDefsAndRoot_None()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{"to":{"$ref":"#/$defs/addresses"},"self":{"$ref":"#"},"odd":{"$ref":"#/$defs/a~1b"}},
             "$defs":{"addresses":{"type":"array"},"a/b":{"type":"string"}},"additionalProperties":false}
            """);

        Assert.Empty(SchemaReferences.Problems(schema));
    }

    [Theory]
    [InlineData("""{"properties":{"to":{"$ref":"#/$defs/missing"}},"$defs":{}}""", "#/properties/to/$ref")]
    [InlineData("""{"properties":{"to":{"$ref":"https://example.com/address.json"}}}""", "points outside the schema")]
    [InlineData("""{"anyOf":[{"properties":{"to":{"$ref":"#/$defs/addresses"}},"$defs":{"addresses":{"type":"array"}}}]}""", "#/anyOf/0/properties/to/$ref")]
    [InlineData("""{"items":{"$id":"urn:inner","type":"string"}}""", "nested $id")]
    [InlineData("""{"properties":{"to":{"$ref":"#addresses"}}}""", "anchors")]
    public void Problems_UnresolvableReference_Flagged(string json, string expected)
    {
        var problems = SchemaReferences.Problems(JsonNode.Parse(json));

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_RefInsideDefaultValue_IsDataNotAReference()
    {
        var schema = JsonNode.Parse("""{"type":"object","default":{"$ref":"#/nowhere"},"properties":{"a":{"const":{"$ref":"x"}}}}""");

        Assert.Empty(SchemaReferences.Problems(schema));
    }
}
