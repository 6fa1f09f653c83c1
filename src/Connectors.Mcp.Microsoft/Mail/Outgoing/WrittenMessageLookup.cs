using Connectors.Mcp.Microsoft.Graph;
using Microsoft.Graph.Models;

namespace Connectors.Mcp.Microsoft.Mail.Outgoing;

/// <summary>
/// Finds what an earlier write with the same idempotency key left in the mailbox, by the <c>internetMessageId</c> it set
/// (<see cref="OutlookWriteIdentity"/>): <c>GET /me/messages?$filter=internetMessageId eq '…'</c>. The whole mailbox,
/// not only Sent Items: a sent message the person has since moved, or one Outlook is still moving out of the Outbox, was
/// sent all the same. Only reads.
/// </summary>
internal static class WrittenMessageLookup
{
    private static readonly string[] Select = ["id", "conversationId", "internetMessageId", "isDraft", "parentFolderId"];

    public static async Task<Found> FindAsync(GraphClient graph, string internetMessageId, CancellationToken cancellationToken)
    {
        var page = await graph.CallAsync(
            (sdk, ct) => sdk.Me.Messages.GetAsync(r =>
            {
                r.QueryParameters.Filter = $"internetMessageId eq '{internetMessageId.Replace("'", "''", StringComparison.Ordinal)}'";
                r.QueryParameters.Select = Select;
                r.QueryParameters.Top = 10;
            }, ct),
            "The Outlook mailbox",
            cancellationToken).ConfigureAwait(false);
        var messages = (page.Value ?? []).Where(m => m.InternetMessageId == internetMessageId).ToList();
        return new Found(messages.FirstOrDefault(m => m.IsDraft == false), messages.FirstOrDefault(m => m.IsDraft == true));
    }

    /// <summary>A sent (or sending) copy, and a draft still waiting, with the looked-up id.</summary>
    public sealed record Found(Message? Sent, Message? Draft);
}
