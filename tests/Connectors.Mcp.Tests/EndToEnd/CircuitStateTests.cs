using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// A failing account opens its connector's circuit inside the real server: calls fail fast saying until when, and the
/// state shows as the connector's last_error in <c>list_connectors</c> and <c>connector list</c>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CircuitStateTests(StdioWorkspaceFixture fixture) : IClassFixture<StdioWorkspaceFixture>
{
    private const string Workspace = StdioWorkspaceFixture.Workspace;
    private const string ListLabels = "gmail_list_labels";

    [Fact]
    public async Task FailingAccount_OpensTheCircuit_WhichShowsInListConnectorsAndConnectorList()
    {
        var google = fixture.Installation.Google;
        for (var i = 0; i < 40; i++)
        {
            google.InjectFault(FakeGoogleEndpoints.LabelsList, FakeFault.Unavailable());
        }

        string? paused = null;
        for (var i = 0; i < 6 && paused is null; i++)
        {
            var result = await fixture.Client.CallAsync(ListLabels);
            Assert.True(result.IsError);
            var text = ((TextContentBlock)result.Content[0]).Text;
            paused = text.Contains("calls are paused until", StringComparison.Ordinal) ? text : null;
        }

        Assert.NotNull(paused);
        Assert.Contains($"for connector {fixture.Gmail.ConnectorId} is failing", paused);
        var sentBefore = google.RequestCount(FakeGoogleEndpoints.LabelsList);
        var listed = (await fixture.Client.CallAsync("list_connectors")).StructuredContent!.Value;
        var fromCli = (await fixture.Installation.Cli.RunOkAsync("connector", "list", Workspace, "--json")).Stdout;

        Assert.Contains("calls are paused until", LastError(listed));
        Assert.Contains("calls are paused until", fromCli);
        Assert.Equal(sentBefore, google.RequestCount(FakeGoogleEndpoints.LabelsList));
    }

    private static string LastError(JsonElement listConnectors) =>
        listConnectors.GetProperty("connectors").EnumerateArray().Single().GetProperty("last_error").GetString() ?? "";
}
