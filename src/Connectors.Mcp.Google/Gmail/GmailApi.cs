using Connectors.Mcp.Google.Gmail.Models;
using Connectors.Mcp.Google.Gmail.Requests;
using Connectors.Mcp.Google.Http;
using Google.Apis.Util;

namespace Connectors.Mcp.Google.Gmail;

/// <summary>The Gmail REST calls the actions use, each through <see cref="GoogleRequestExecutor"/> (typed errors).</summary>
internal sealed class GmailApi(GmailClientService service, GoogleRequestExecutor executor)
{
    /// <summary>Headers <c>search_inbox</c> shows per message.</summary>
    public static readonly string[] SummaryHeaders = ["From", "To", "Subject", "Date"];

    public Task<GmailMessageList> ListMessagesAsync(string? query, int maxResults, string? pageToken, IReadOnlyList<string> labelIds, CancellationToken ct) =>
        executor.ExecuteAsync(
            new MessagesListRequest(service)
            {
                Q = query,
                MaxResults = maxResults,
                PageToken = pageToken,
                LabelIds = labelIds.Count > 0 ? new Repeatable<string>(labelIds) : null,
            },
            "The Gmail page token or label",
            ct);

    public Task<GmailMessage> GetMessageAsync(string id, string format, IReadOnlyList<string>? metadataHeaders, CancellationToken ct) =>
        executor.ExecuteAsync(
            new MessagesGetRequest(service, id)
            {
                Format = format,
                MetadataHeaders = metadataHeaders is { Count: > 0 } ? new Repeatable<string>(metadataHeaders) : null,
            },
            $"Gmail message '{id}'",
            ct);

    public Task<GmailMessage> SendAsync(string raw, string? threadId, CancellationToken ct) =>
        executor.ExecuteAsync(new MessagesSendRequest(service, new GmailMessage { Raw = raw, ThreadId = threadId }), "The Gmail thread", ct);

    public Task<GmailDraft> CreateDraftAsync(string raw, string? threadId, CancellationToken ct) =>
        executor.ExecuteAsync(
            new DraftsCreateRequest(service, new GmailDraft { Message = new GmailMessage { Raw = raw, ThreadId = threadId } }),
            "The Gmail thread",
            ct);

    public Task<GmailDraftList> ListDraftsAsync(string query, int maxResults, CancellationToken ct) =>
        executor.ExecuteAsync(new DraftsListRequest(service) { Q = query, MaxResults = maxResults }, "The Gmail draft", ct);

    public Task<GmailLabelList> ListLabelsAsync(CancellationToken ct) =>
        executor.ExecuteAsync(new LabelsListRequest(service), "The Gmail label list", ct);

    public Task<GmailLabel> GetLabelAsync(string id, CancellationToken ct) =>
        executor.ExecuteAsync(new LabelsGetRequest(service, id), $"Gmail label '{id}'", ct);

    public Task<GmailMessage> ModifyLabelsAsync(string id, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken ct) =>
        executor.ExecuteAsync(
            new MessagesModifyRequest(service, id, new GmailModifyMessageBody
            {
                AddLabelIds = add.Count > 0 ? add.ToList() : null,
                RemoveLabelIds = remove.Count > 0 ? remove.ToList() : null,
            }),
            $"Gmail message '{id}'",
            ct);
}
