using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>Checks and spells a connector's published actions (<c>workspace_connectors.published_actions_json</c>).</summary>
public static class PublishedActions
{
    /// <summary>
    /// The requested actions, deduplicated and in the type's order; refuses an empty list (disabling the connector is how
    /// every tool goes) and a name the type does not have, listing the ones it has.
    /// </summary>
    /// <exception cref="ArgumentException">Empty, or an unknown action.</exception>
    public static IReadOnlyList<string> Check(ConnectorInstance connector, IReadOnlyList<string> requested, IReadOnlyList<string> typeActions)
    {
        if (requested.Count == 0)
        {
            throw new ArgumentException(
                $"Connector '{connector.Name}' must publish at least one action; to hide all of its tools, disable it with {CliInstructions.ConnectorDisable(connector.Id)}.",
                nameof(requested));
        }

        var unknown = requested.Where(a => !typeActions.Contains(a, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Connector '{connector.Name}' ({connector.Type}) has no action {string.Join(", ", unknown.Select(a => $"'{a}'"))}; its actions: {string.Join(", ", typeActions)}.",
                nameof(requested));
        }

        return typeActions.Where(a => requested.Contains(a, StringComparer.Ordinal)).ToList();
    }

    /// <summary>As the operator audit log writes it: the names comma-separated, or <c>all</c>.</summary>
    public static string Text(IReadOnlyList<string>? actions) => actions is null ? "all" : string.Join(',', actions);
}
