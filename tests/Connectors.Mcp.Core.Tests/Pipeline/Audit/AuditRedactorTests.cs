using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Json;
using Connectors.Mcp.Core.Pipeline.Audit;

namespace Connectors.Mcp.Core.Tests.Pipeline.Audit;

public sealed class AuditRedactorTests
{
    [Fact]
    public void Redact_ContentArgument_KeepsLengthAndHashOnly()
    {
        var args = new JsonObject { ["to"] = new JsonArray("a@example.com"), ["body"] = "secret plan: launch on friday" };

        var redacted = AuditRedactor.Redact(args, ["body"]);

        Assert.DoesNotContain("secret plan", redacted, StringComparison.Ordinal);
        Assert.Contains("a@example.com", redacted, StringComparison.Ordinal);
        var body = JsonNode.Parse(redacted)!["body"]!;
        Assert.Equal(29, body["length"]!.GetValue<int>());
        Assert.Equal(CanonicalJson.Sha256Hex("secret plan: launch on friday"), body["sha256"]!.GetValue<string>());
    }

    [Fact]
    public void Redact_DoesNotChangeTheArguments()
    {
        var args = new JsonObject { ["body"] = "x" };
        AuditRedactor.Redact(args, ["body"]);
        Assert.Equal("x", args["body"]!.GetValue<string>());
    }
}
