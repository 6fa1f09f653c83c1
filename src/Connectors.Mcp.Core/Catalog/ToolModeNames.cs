namespace Connectors.Mcp.Core.Catalog;

/// <summary>
/// The one spelling of <see cref="ToolMode"/> — <c>all</c>, <c>discovery</c> — used by the database, the CLI, the
/// request claims and lists.
/// </summary>
public static class ToolModeNames
{
    public static IReadOnlyList<string> All { get; } = ["all", "discovery"];

    public static string ToName(this ToolMode mode) => mode switch
    {
        ToolMode.All => "all",
        ToolMode.Discovery => "discovery",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static bool TryParse(string? name, out ToolMode mode)
    {
        (var known, mode) = name switch
        {
            "all" => (true, ToolMode.All),
            "discovery" => (true, ToolMode.Discovery),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>A stored name; an unknown one (a newer build's) throws rather than silently listing something else.</summary>
    public static ToolMode Parse(string name) =>
        TryParse(name, out var mode) ? mode : throw new InvalidOperationException($"Unknown tool mode '{name}'; expected all or discovery.");
}
