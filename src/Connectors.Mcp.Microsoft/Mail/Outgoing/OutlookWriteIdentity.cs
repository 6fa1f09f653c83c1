using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Connectors.Idempotency;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Microsoft.Mail.Outgoing;

/// <summary>
/// The <c>internetMessageId</c> an Outlook write sets on its draft (writable while <c>isDraft</c> is true), derived from
/// the call's idempotency key (<see cref="WriteIdentitySeed"/>): the same key always names the same message, so an
/// ambiguous send is found again in the mailbox instead of being sent twice. <c>null</c> when the call has no key.
/// </summary>
internal static class OutlookWriteIdentity
{
    public const string Domain = "connectors-mcp.local";

    /// <summary>RFC 5322 form, with the angle brackets Graph expects: <c>&lt;{40 hex}@connectors-mcp.local&gt;</c>.</summary>
    public static string? InternetMessageId(ConnectorContext context, string action) =>
        WriteIdentitySeed.For(context, action) is { } seed
            ? $"<{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40]}@{Domain}>"
            : null;
}
