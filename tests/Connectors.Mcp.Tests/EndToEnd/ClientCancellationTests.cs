using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// A client's cancellation over stdio (<c>notifications/cancelled</c>, sent by the C# client when its token fires)
/// abandons the upstream request inside the real server and is audited as <c>cancelled</c>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClientCancellationTests(StdioWorkspaceFixture fixture) : IClassFixture<StdioWorkspaceFixture>
{
    private const string Workspace = StdioWorkspaceFixture.Workspace;
    private const string ListLabels = "gmail_list_labels";

    [Fact]
    public async Task ClientCancellation_StopsTheUpstreamCall_AndTheAuditRowSaysCancelled()
    {
        var google = fixture.Installation.Google;
        google.InjectFault(FakeGoogleEndpoints.LabelsList, FakeFault.Slow(TimeSpan.FromMinutes(2)));
        var seen = google.RequestCount(FakeGoogleEndpoints.LabelsList);
        var abandoned = google.AbandonedRequestCount;
        using var cancel = new CancellationTokenSource();

        var call = fixture.Client.CallToolAsync(ListLabels, new Dictionary<string, object?>(), cancellationToken: cancel.Token).AsTask();
        await Eventually.Until(() => google.RequestCount(FakeGoogleEndpoints.LabelsList) > seen, "the call reached the fake");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Bounded.Call));
        await Eventually.Until(() => google.AbandonedRequestCount > abandoned, "the server abandoned the upstream request");
        JsonObject? row = null;
        await Eventually.Until(async () =>
        {
            row = (await fixture.Installation.AuditAsync(Workspace)).Rows.FirstOrDefault(r => (string?)r["tool"] == ListLabels);
            return row is not null && (string?)row["status"] != "started";
        }, "the audit row was completed");
        Assert.Equal("failed", (string?)row!["status"]);
        Assert.Equal("cancelled", (string?)row["error_code"]);
        Assert.Equal(seen + 1, google.RequestCount(FakeGoogleEndpoints.LabelsList)); // not retried after the cancellation
    }
}
