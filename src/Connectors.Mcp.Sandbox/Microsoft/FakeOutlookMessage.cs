namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>
/// A message in the fake Outlook mailbox. <see cref="HtmlBody"/> is what Graph returns without a text preference. Drafts
/// (<see cref="IsDraft"/>) are what <c>POST /me/messages</c> and createReply make; a sent message is a copy in Sent Items.
/// </summary>
public sealed record FakeOutlookMessage(
    string Id,
    string FolderId,
    string ConversationId,
    string FromName,
    string FromAddress,
    IReadOnlyList<string> To,
    string Subject,
    string TextBody,
    DateTimeOffset Received,
    bool IsRead)
{
    public IReadOnlyList<string> Cc { get; init; } = [];

    public IReadOnlyList<string> Bcc { get; init; } = [];

    public bool IsDraft { get; init; }

    /// <summary>The RFC 5322 Message-ID (with angle brackets); the fake makes one up from the id when none was set.</summary>
    public string? InternetMessageId { get; init; }

    /// <summary>The HTML body as written by a client, when the message was created with one.</summary>
    public string? Html { get; init; }

    public string HtmlBody => Html ?? "<html><body><p>" + System.Net.WebUtility.HtmlEncode(TextBody).Replace("\n", "<br>", StringComparison.Ordinal) + "</p></body></html>";

    public string MessageIdHeader => InternetMessageId ?? $"<{Id}@sandbox.test>";
}
