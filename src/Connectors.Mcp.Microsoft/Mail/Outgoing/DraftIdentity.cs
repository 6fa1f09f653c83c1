using Connectors.Mcp.Microsoft.Graph;
using Microsoft.Graph.Models;

namespace Connectors.Mcp.Microsoft.Mail.Outgoing;

/// <summary>
/// Makes sure a new draft carries the <c>internetMessageId</c> derived from the key: set on creation, and if Graph did
/// not keep it there, patched (<c>PATCH /me/messages/{id}</c>; writable while the message is a draft).
/// </summary>
internal static class DraftIdentity
{
    public static async Task EnsureAsync(GraphClient graph, Message draft, string? internetMessageId, CancellationToken cancellationToken)
    {
        if (internetMessageId is null || draft.InternetMessageId == internetMessageId || draft.Id is not { } id)
        {
            return;
        }

        var patched = await graph.WriteAsync(
            (sdk, ct) => sdk.Me.Messages[id].PatchAsync(new Message { InternetMessageId = internetMessageId }, cancellationToken: ct),
            $"Outlook draft '{id}'",
            cancellationToken).ConfigureAwait(false);
        draft.InternetMessageId = patched.InternetMessageId ?? internetMessageId;
    }
}
