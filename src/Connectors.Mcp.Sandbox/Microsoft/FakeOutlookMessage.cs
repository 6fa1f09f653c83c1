namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>A message in the fake Outlook mailbox. <see cref="HtmlBody"/> is what Graph returns without a text preference.</summary>
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
    public string HtmlBody => "<html><body><p>" + System.Net.WebUtility.HtmlEncode(TextBody).Replace("\n", "<br>", StringComparison.Ordinal) + "</p></body></html>";
}
