using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Json;

namespace Connectors.Mcp.Core.Tests.Json;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Sha256_KeyOrderDoesNotMatter()
    {
        var a = JsonNode.Parse("""{"b":1,"a":{"y":[1,2],"x":"é"}}""");
        var b = JsonNode.Parse("""{ "a": { "x": "é", "y": [1, 2] }, "b": 1 }""");
        Assert.Equal(CanonicalJson.Sha256(a), CanonicalJson.Sha256(b));
        Assert.Equal("""{"a":{"x":"é","y":[1,2]},"b":1}""", CanonicalJson.Serialize(a));
    }

    [Fact]
    public void Sha256_DifferentValues_Differ()
    {
        Assert.NotEqual(CanonicalJson.Sha256(JsonNode.Parse("""{"to":["a@x.com"]}""")), CanonicalJson.Sha256(JsonNode.Parse("""{"to":["b@x.com"]}""")));
    }
}
