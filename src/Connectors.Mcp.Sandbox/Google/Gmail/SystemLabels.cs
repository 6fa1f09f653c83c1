namespace Connectors.Mcp.Sandbox.Google.Gmail;

/// <summary>Gmail's system labels, as labels.list returns them.</summary>
internal static class SystemLabels
{
    public const string Inbox = "INBOX";
    public const string Sent = "SENT";
    public const string Draft = "DRAFT";
    public const string Spam = "SPAM";
    public const string Trash = "TRASH";
    public const string Unread = "UNREAD";
    public const string Starred = "STARRED";
    public const string Important = "IMPORTANT";

    public static readonly string[] All =
    [
        "CHAT", Sent, Inbox, Important, Trash, Draft, Spam,
        "CATEGORY_FORUMS", "CATEGORY_UPDATES", "CATEGORY_PERSONAL", "CATEGORY_PROMOTIONS", "CATEGORY_SOCIAL",
        Starred, Unread,
    ];

    /// <summary>Labels a client may not add or remove with messages.modify.</summary>
    public static readonly string[] NotModifiable = [Sent, Draft, "CHAT"];
}
