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

    [Fact]
    public void Check_ArrayPastTheItemLimit_IsRefusedByItsLength_WithoutWalkingIt()
    {
        var arguments = Parse("{\"message_id\":\"m1\",\"add_label_ids\":[" + string.Join(",", Enumerable.Repeat("\"INBOX\"", 700_000)) + "]}");
        Assert.Null(ArgumentLimits.Check(Parse("{\"ids\":[" + string.Join(",", Enumerable.Repeat("\"INBOX\"", 1_000)) + "]}")));

        ArgumentLimits.Check(arguments);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var problem = ArgumentLimits.Check(arguments);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("add_label_ids: 700,000 items; an argument array holds at most 1,000", problem);
        Assert.True(allocated < 4_096, $"refusing a 700,000-item array allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Check_ObjectPastThePropertyLimit_IsRefused()
    {
        Assert.Null(ArgumentLimits.Check(Parse(Properties(1_000))));

        var problem = ArgumentLimits.Check(Parse(Properties(40_000)));

        Assert.Equal("arguments: 40,000 properties; an argument object holds at most 1,000", problem);
    }

    [Fact]
    public void Check_MoreValuesInAllThanTheLimit_IsRefusedAfterCountingOnlyThatMany()
    {
        // 20 arrays of 999 items: each array is within its limit, 19,980 values in all are not.
        var arrays = string.Join(",", Enumerable.Range(0, 20).Select(i => $"\"a{i}\":[" + string.Join(",", Enumerable.Repeat("1", 999)) + "]"));
        var arguments = Parse("{" + arrays + "}");

        ArgumentLimits.Check(arguments);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var problem = ArgumentLimits.Check(arguments);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("arguments: more than 10,000 values in all", problem);
        Assert.True(allocated < 4_096, $"counting the values allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Check_HugeArrayBehindAHugePropertyName_NamesItShortly()
    {
        var name = new string('k', 5_000);
        var problem = ArgumentLimits.Check(Parse("{\"" + name + "\":[" + string.Join(",", Enumerable.Repeat("1", 2_000)) + "]}"));

        Assert.NotNull(problem);
        Assert.InRange(problem.Length, 1, 300);
        Assert.EndsWith("2,000 items; an argument array holds at most 1,000", problem, StringComparison.Ordinal);
    }

    private static string Properties(int count) => "{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"k{i}\":1")) + "}";
}
