using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Connectors.Mcp.Connectors.Idempotency;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Zoom.Meetings;

/// <summary>
/// A short reference appended to a created meeting's agenda, derived from the call's idempotency key
/// (<see cref="ConnectorContext.IdempotencyKey"/>): Zoom has no client-supplied id or idempotency header for meetings,
/// so after a create whose outcome is unknown the meeting is looked up by topic, start time and this marker. Results
/// show the agenda without it.
/// </summary>
internal static partial class AgendaMarker
{
    /// <summary>The longest agenda an agent may give: Zoom's 2,000 characters less room for the marker.</summary>
    public const int MaxAgendaLength = 1950;

    /// <summary>The marker of this call, e.g. <c>[ref:zm-3f9a0c41d2b7]</c>; null without an idempotency key.</summary>
    public static string? For(ConnectorContext context, string action)
    {
        if (WriteIdentitySeed.For(context, action) is not { } seed)
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
        return $"[ref:zm-{hash[..12]}]";
    }

    /// <summary>The agenda Zoom gets: the agent's agenda with the marker on a line of its own.</summary>
    public static string Append(string? agenda, string? marker) =>
        marker is null ? agenda ?? "" : string.IsNullOrEmpty(agenda) ? marker : $"{agenda}\n\n{marker}";

    /// <summary>The agenda without a marker this connector added.</summary>
    public static string Strip(string agenda) => MarkerRegex().Replace(agenda, "");

    [GeneratedRegex(@"\s*\[ref:zm-[0-9a-f]{12}\]\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerRegex();
}
