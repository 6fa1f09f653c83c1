using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Connectors.Idempotency;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Microsoft.Calendar.Actions;

/// <summary>
/// Graph's event <c>transactionId</c> ("a custom identifier specified by a client app for the server to avoid redundant
/// POST operations"), derived from the call's idempotency key (<see cref="WriteIdentitySeed"/>), else from what the
/// event is: the same call always sends the same id, so Graph answers a repeat with the event it already created and an
/// ambiguous create can be found again by it.
/// </summary>
internal static class EventTransactionId
{
    public static string For(ConnectorContext context, string action, string canonical) =>
        "connectors-mcp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WriteIdentitySeed.For(context, action) ?? canonical)))[..40];
}
