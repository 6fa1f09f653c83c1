using Connectors.Mcp.Core.Catalog.Discovery;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Catalog;

/// <summary>A workspace's tools at one catalog version. Immutable; rebuilt when the version moves.</summary>
public sealed class WorkspaceCatalog
{
    private readonly Dictionary<string, CatalogTool> _byName;
    private readonly Lazy<ToolSearchIndex> _searchIndex;

    public WorkspaceCatalog(Workspace workspace, long version, IReadOnlyList<ConnectorInstance> connectors, IReadOnlyList<CatalogTool> tools, IReadOnlyList<ApprovalRule>? rules = null)
    {
        Rules = rules ?? [];
        Workspace = workspace;
        Version = version;
        Connectors = connectors;
        Tools = tools;
        _byName = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        // Built on the first search_tools of this catalog version, once (sessions in "all" mode never pay for it).
        _searchIndex = new Lazy<ToolSearchIndex>(() => new ToolSearchIndex(tools.Where(t => !ToolVisibility.IsDiscoveryTool(t))), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Workspace Workspace { get; }

    public long Version { get; }

    /// <summary>Every connector of the workspace, listed or not (for <c>list_connectors</c>).</summary>
    public IReadOnlyList<ConnectorInstance> Connectors { get; }

    public IReadOnlyList<CatalogTool> Tools { get; }

    /// <summary>The workspace's approval rules at this version, by position; the approval gate tries them before the tool's policy.</summary>
    public IReadOnlyList<ApprovalRule> Rules { get; }

    public CatalogTool? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>search_tools' index of every tool but the discovery tools; callers filter by the session's scope.</summary>
    public ToolSearchIndex SearchIndex => _searchIndex.Value;

    /// <summary>Whether a connector's tools are published: active ones, and needs_reauth ones (they answer how to reconnect).</summary>
    public static bool IsListed(ConnectorStatus status) => status is ConnectorStatus.Active or ConnectorStatus.NeedsReauth;
}
