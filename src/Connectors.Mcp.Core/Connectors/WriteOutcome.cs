using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>What the provider says became of a write: it took effect (with the result matching the output schema) or not.</summary>
public sealed record WriteOutcome(bool TookEffect, JsonObject? Result)
{
    public static WriteOutcome NotApplied { get; } = new(false, null);

    public static WriteOutcome Applied(JsonObject result) => new(true, result);
}
