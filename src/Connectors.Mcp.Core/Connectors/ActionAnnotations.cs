namespace Connectors.Mcp.Core.Connectors;

/// <summary>The MCP tool annotations of an action, published as they are.</summary>
/// <remarks>Whether an action writes is derived from <see cref="ReadOnly"/>; there is no second list.</remarks>
public sealed record ActionAnnotations(bool ReadOnly, bool Destructive, bool Idempotent, bool OpenWorld = true)
{
    public static ActionAnnotations Read { get; } = new(ReadOnly: true, Destructive: false, Idempotent: true);
}
