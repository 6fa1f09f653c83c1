namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Every end-to-end class runs in this collection: one after another, and not alongside the rest of the project
/// (child servers and timing-sensitive waits on a small machine).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "EndToEnd";
}
