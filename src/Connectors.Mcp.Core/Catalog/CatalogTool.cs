using System.Text.Json;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Validation;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Catalog;

/// <summary>
/// One MCP tool of a workspace: either a connector action (<see cref="Connector"/>, <see cref="Action"/> set) or a
/// meta tool. Schemas are the published ones: a gated tool's output schema also admits the pending-approval shape.
/// </summary>
public sealed class CatalogTool
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required JsonElement InputSchema { get; init; }

    public required JsonElement OutputSchema { get; init; }

    public required ActionAnnotations Annotations { get; init; }

    /// <summary>The policy in force: the workspace's override, else the action's default.</summary>
    public required ApprovalPolicy Policy { get; init; }

    public required ArgumentValidator Validator { get; init; }

    public ConnectorInstance? Connector { get; init; }

    public IConnectorType? ConnectorType { get; init; }

    public ConnectorAction? Action { get; init; }

    public MetaTool? Meta { get; init; }
}
