using Connectors.Mcp.Core.Catalog;
using System.Text.Json;
using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Tests.BadInput;

/// <summary>
/// Arguments built to make validation expensive (a huge array, tens of thousands of unknown properties) are refused
/// with a short answer and a short audit row, whatever they hold within the body limit.
/// </summary>
public sealed class ArgumentAmplificationTests(PipelineBadInputFixture fixture) : IClassFixture<PipelineBadInputFixture>
{
    /// <summary>Ten problem lines of at most 200 characters, one "… and N more" line, the tool name and the frame.</summary>
    private const int MaxErrorText = 2_500;

    [Fact]
    public async Task SevenHundredThousandDuplicateItems_ShortErrorNamingTheLimit_ShortAuditRow()
    {
        var json = "{\"query\":[" + string.Join(",", Enumerable.Repeat("\"INBOX\"", 700_000)) + "]}";

        var (outcome, row) = await CallAsync("rec_read", json);

        Assert.True(outcome.IsError);
        Assert.Contains("query: 700,000 items; an argument array holds at most 1,000", outcome.Text, StringComparison.Ordinal);
        Assert.InRange(outcome.Text.Length, 1, MaxErrorText);
        Assert.Equal("invalid_arguments", row.ErrorCode);
        Assert.InRange(row.ErrorMessage!.Length, 1, MaxErrorText);
    }

    [Fact]
    public async Task FortyThousandUnknownProperties_AreRefusedByTheirNumber()
    {
        var json = "{\"to\":\"bob@acme.example\",\"body\":\"b\"," + string.Join(",", Enumerable.Range(0, 40_000).Select(i => $"\"k{i}\":1")) + "}";

        var (outcome, row) = await CallAsync("rec_send", json);

        Assert.True(outcome.IsError);
        Assert.Contains("arguments: 40,002 properties; an argument object holds at most 1,000", outcome.Text, StringComparison.Ordinal);
        Assert.InRange(outcome.Text.Length, 1, MaxErrorText);
        Assert.InRange(row.ErrorMessage!.Length, 1, MaxErrorText);
    }

    [Fact]
    public async Task NineHundredUnknownProperties_TenAreNamed_TheRestCounted()
    {
        var json = "{\"to\":\"bob@acme.example\",\"body\":\"b\"," + string.Join(",", Enumerable.Range(0, 900).Select(i => $"\"k{i}\":1")) + "}";

        var (outcome, row) = await CallAsync("rec_send", json);

        var lines = outcome.Text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(11, lines.Count);
        Assert.Equal("- unknown argument 'k0' (not in the tool's input schema)", lines[0]);
        Assert.Equal("- … and 890 more problems", lines[^1]);
        Assert.InRange(outcome.Text.Length, 1, MaxErrorText);
        Assert.EndsWith("… and 890 more problems", row.ErrorMessage, StringComparison.Ordinal);
    }

    private async Task<(ToolOutcome Outcome, AuditEntry Row)> CallAsync(string tool, string json)
    {
        var h = fixture.Harness;
        var upstream = h.Recorder.Calls.Count;
        var arguments = JsonDocument.Parse(json).RootElement.Clone();

        var outcome = await h.Pipeline.CallAsync(new ToolCall(fixture.Workspace.Id, tool, arguments, "amplification", null, ToolScope.Full), CancellationToken.None);

        Assert.Equal(upstream, h.Recorder.Calls.Count);
        var row = (await h.Audit.ListAsync(fixture.Workspace.Id, 1, CancellationToken.None))[0];
        return (outcome, row);
    }
}
