namespace Connectors.Mcp.Core.Storage;

/// <summary>A row of <c>connector_definitions</c>: a connector type this build offers, written at start from the registry.</summary>
public sealed record ConnectorDefinitionRecord(
    string Type,
    string DisplayName,
    string Provider,
    string Description,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Actions);
