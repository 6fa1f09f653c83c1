using System.Text.Json;
using Connectors.Mcp.Core.Pipeline.Validation;

namespace Connectors.Mcp.Core.Tests.Pipeline.Validation;

public sealed class ArgumentLimitsTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 200 }).RootElement;

    private static string Nested(int depth) => "{\"q\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";

    [Fact]
    public void Check_AtTheDepthLimit_Passes_OneDeeper_NamesTheField()
    {
        Assert.Null(ArgumentLimits.Check(Parse(Nested(ArgumentLimits.MaxDepth))));

        var problem = ArgumentLimits.Check(Parse(Nested(ArgumentLimits.MaxDepth + 1)));

        Assert.StartsWith("q[0]", problem, StringComparison.Ordinal);
        Assert.EndsWith($"nested deeper than {ArgumentLimits.MaxDepth} levels", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_StringAtTheLengthLimit_Passes_OneLonger_NamesTheField()
    {
        Assert.Null(ArgumentLimits.Check(Parse(JsonSerializer.Serialize(new { body = new string('x', ArgumentLimits.MaxStringLength) }))));

        var problem = ArgumentLimits.Check(Parse(JsonSerializer.Serialize(new { to = new[] { "a", new string('x', ArgumentLimits.MaxStringLength + 1) } })));

        Assert.Equal($"to[1]: longer than {ArgumentLimits.MaxStringLength} characters", problem);
    }

    [Fact]
    public void Check_HugePropertyName_IsRefused()
    {
        var json = "{\"" + new string('k', ArgumentLimits.MaxStringLength + 1) + "\":1}";

        Assert.Contains("property name", ArgumentLimits.Check(Parse(json)), StringComparison.Ordinal);
    }
}
