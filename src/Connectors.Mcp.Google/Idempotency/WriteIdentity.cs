using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Connectors.Idempotency;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Google.Calendar.Parsing;
using Connectors.Mcp.Google.Gmail.Mime;

namespace Connectors.Mcp.Google.Idempotency;

/// <summary>
/// The provider-side identity of a write, derived from the call's idempotency key (<see cref="ConnectorContext.IdempotencyKey"/>)
/// together with workspace, connector and action: the same key always asks Google for the same Message-ID or event id,
/// so an ambiguous write can be found again and a repeat is recognised. <c>null</c> when the call has no key.
/// </summary>
internal static class WriteIdentity
{
    /// <summary>Gmail Message-ID without angle brackets: <c>{40 hex}@connectors-mcp.local</c>.</summary>
    public static string? MessageId(ConnectorContext context, string action) =>
        Seed(context, action) is { } seed
            ? $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40]}@{OutgoingMessageBuilder.MessageIdDomain}"
            : null;

    /// <summary>Calendar event id: 32 base32hex characters (a–v, 0–9), as Google requires of client-supplied ids.</summary>
    public static string? EventId(ConnectorContext context, string action) =>
        Seed(context, action) is { } seed ? ClientEventId.FromCanonical(seed) : null;

    private static string? Seed(ConnectorContext context, string action) => WriteIdentitySeed.For(context, action);
}
