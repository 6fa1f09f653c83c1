using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Hosting;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// The published tool surface, built the real way: the composition root on a temp SQLite file, one workspace, one
/// connector of every registered type under its default name (the type key), no policy overrides, then the catalog.
/// </summary>
public sealed class PublishedCatalogFixture : IAsyncLifetime
{
    public const string WorkspaceSlug = "toolsnaps";

    private readonly TestHome _home = new();
    private ServiceProvider? _services;

    /// <summary>The catalog's tools in published order, each with what tools/list sends for it.</summary>
    public IReadOnlyList<PublishedTool> Tools { get; private set; } = [];

    /// <summary>The workspace's catalog itself, e.g. for its search index (what search_tools ranks).</summary>
    public WorkspaceCatalog Workspace { get; private set; } = null!;

    /// <summary>The registered connector types, in registration order.</summary>
    public IReadOnlyList<IConnectorType> ConnectorTypes { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var ct = CancellationToken.None;
        _services = await AppServices.BuildAsync(AppHome.Resolve(_home.Path, sandbox: false), ct);
        var workspace = await _services.GetRequiredService<IWorkspaceStore>().CreateAsync(WorkspaceSlug, WorkspacePlan.Enterprise, ct);
        ConnectorTypes = _services.GetServices<IConnectorType>().ToList();
        var connectors = _services.GetRequiredService<IConnectorStore>();
        foreach (var type in ConnectorTypes)
        {
            await connectors.AddAsync(workspace.Id, type.Type, type.Type, new Dictionary<string, string>(), ct);
        }

        var catalog = Workspace = await _services.GetRequiredService<ToolCatalog>().GetAsync(workspace.Id, ct);
        Tools = catalog.Tools.Select(t => new PublishedTool(t, ToPublishedJson(t))).ToList();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _home.Dispose();
    }

    public PublishedTool Tool(string name) =>
        Tools.FirstOrDefault(t => t.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"The catalog publishes no tool '{name}'; it publishes: {string.Join(", ", Tools.Select(t => t.Name))}.");

    /// <summary>The SDK's <see cref="ModelContextProtocol.Protocol.Tool"/> serialized as the server sends it.</summary>
    private static JsonObject ToPublishedJson(CatalogTool tool)
    {
        var protocol = McpToolHandlers.ToProtocol(tool);
        return JsonSerializer.SerializeToNode(protocol, McpJsonUtilities.DefaultOptions)!.AsObject();
    }
}
