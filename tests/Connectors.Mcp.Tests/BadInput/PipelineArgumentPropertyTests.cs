using System.Text.Json;
using Connectors.Mcp.Core.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Connectors.Mcp.Tests.BadInput;

/// <summary>
/// Property-based: whatever arguments arrive (wrong types, unknown properties, huge strings, deep nesting, unicode, any
/// JSON value at all), the pipeline answers with a clear error or a valid result, never throws, never lets invalid
/// arguments reach the connector, and every call leaves exactly one final audit row.
/// </summary>
public sealed class PipelineArgumentPropertyTests(PipelineBadInputFixture fixture) : IClassFixture<PipelineBadInputFixture>
{
    [Property(MaxTest = 400, Arbitrary = [typeof(ToolArgumentGenerators)])]
    public void AnyArguments_ClearAnswer_NoUpstreamCallWhenInvalid_OneAuditRow(ToolArguments input)
    {
        var h = fixture.Harness;
        var arguments = JsonDocument.Parse(input.Json).RootElement.Clone();
        var expectation = ArgumentOracle.Judge(input.Tool, arguments);
        var lastRow = LastRowId();
        var upstreamBefore = h.Recorder.Calls.Count;

        var outcome = h.Pipeline.CallAsync(new Core.Pipeline.ToolCall(fixture.Workspace.Id, input.Tool, arguments, "fuzz", null, Core.Catalog.ToolScope.Full), CancellationToken.None).GetAwaiter().GetResult();

        var upstream = h.Recorder.Calls.Count - upstreamBefore;
        Assert.False(string.IsNullOrWhiteSpace(outcome.Text));
        Assert.DoesNotContain("internal error", outcome.Text, StringComparison.OrdinalIgnoreCase);
        if (!ToolArgumentGenerators.Tools.Contains(input.Tool))
        {
            Assert.True(outcome.IsUnknownTool, outcome.Text);
        }

        switch (expectation)
        {
            case ArgumentExpectation.Invalid:
                Assert.True(outcome.IsError, outcome.Text);
                Assert.Equal(0, upstream);
                break;
            case ArgumentExpectation.Valid when input.Tool is "rec_read" or "rec_send":
                Assert.False(outcome.IsError, outcome.Text);

                // A write identical to an earlier generated one is the same call (derived idempotency key): replayed, not re-run.
                var replay = input.Tool == "rec_send" && outcome.Text.Contains("this is a repeat", StringComparison.Ordinal);
                Assert.Equal(replay ? 0 : 1, upstream);
                break;
            default:
                Assert.InRange(upstream, 0, input.Tool is "rec_read" or "rec_send" ? 1 : 0);
                break;
        }

        if (outcome.IsError && !outcome.IsUnknownTool && expectation == ArgumentExpectation.Invalid)
        {
            Assert.StartsWith($"Invalid arguments for {input.Tool}:", outcome.Text, StringComparison.Ordinal);
        }

        var rows = h.Audit.ListAsync(fixture.Workspace.Id, 5, CancellationToken.None).GetAwaiter().GetResult().Where(r => r.Id > lastRow).ToList();
        var row = Assert.Single(rows);
        Assert.NotEqual(AuditStatus.Started, row.Status);
        Assert.Equal(outcome.IsError, row.Status != AuditStatus.Succeeded && row.Status != AuditStatus.PendingApproval);
    }

    [Fact]
    public void Generator_CoversValidInvalidAndUnknownToolCalls()
    {
        var samples = ToolArgumentGenerators.ToolArguments().Generator.Sample(600).ToList();
        var judged = samples.Select(s => (s.Tool, Expectation: ArgumentOracle.Judge(s.Tool, JsonDocument.Parse(s.Json).RootElement))).ToList();

        Assert.Contains(judged, j => j.Tool == "rec_send" && j.Expectation == ArgumentExpectation.Valid);
        Assert.Contains(judged, j => j.Tool == "rec_read" && j.Expectation == ArgumentExpectation.Valid);
        Assert.True(judged.Count(j => j.Expectation == ArgumentExpectation.Invalid) > 200);
        Assert.Contains(judged, j => !ToolArgumentGenerators.Tools.Contains(j.Tool));
        Assert.Contains(samples, s => s.Json.Length > Core.Pipeline.Validation.ArgumentLimits.MaxStringLength);
        Assert.Contains(samples, s => s.Json.Contains(new string('[', Core.Pipeline.Validation.ArgumentLimits.MaxDepth), StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Json.Length > 4 * Core.Pipeline.Validation.ArgumentLimits.MaxArrayItems && s.Json.StartsWith("{\"query\":[\"q\"", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Json.Contains($"\"p{Core.Pipeline.Validation.ArgumentLimits.MaxObjectProperties}\"", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Json.Contains("\"a10\":[", StringComparison.Ordinal));
    }

    private long LastRowId() =>
        fixture.Harness.Audit.ListAsync(fixture.Workspace.Id, 1, CancellationToken.None).GetAwaiter().GetResult().FirstOrDefault()?.Id ?? 0;
}
