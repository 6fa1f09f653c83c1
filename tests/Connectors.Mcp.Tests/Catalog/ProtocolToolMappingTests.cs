using System.Reflection;
using System.Text.Json;
using Connectors.Mcp.Hosting;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// The snapshots are only as true as the mapping they use: the test copy must publish exactly what the server's
/// private <c>McpToolHandlers.ToProtocol</c> publishes, for every tool of the catalog.
/// </summary>
public sealed class ProtocolToolMappingTests(PublishedCatalogFixture catalog) : IClassFixture<PublishedCatalogFixture>
{
    [Fact]
    public void Copy_PublishesWhatTheServersMappingPublishes()
    {
        var serverMapping = typeof(McpToolHandlers).GetMethod("ToProtocol", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static);
        Assert.True(serverMapping is not null, "McpToolHandlers.ToProtocol is gone or renamed: point ProtocolToolMapping (or the fixture) at the server's mapping.");

        foreach (var tool in catalog.Tools)
        {
            var server = (Tool)serverMapping!.Invoke(null, [tool.Catalog])!;
            var serverJson = JsonSerializer.SerializeToNode(server, McpJsonUtilities.DefaultOptions);

            Assert.True(
                JsonDifference.Describe(serverJson, tool.Json) is null,
                $"{tool.Name}: the test's mapping differs from the server's (the server's JSON on the snapshot side): {JsonDifference.Describe(serverJson, tool.Json)}. Update ProtocolToolMapping.");
        }
    }
}
