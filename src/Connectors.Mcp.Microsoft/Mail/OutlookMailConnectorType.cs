using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Auth;
using Connectors.Mcp.Microsoft.Graph;
using Connectors.Mcp.Microsoft.Mail.Actions;

namespace Connectors.Mcp.Microsoft.Mail;

/// <summary>
/// The <c>outlook_mail</c> connector type (provider <c>microsoft</c>): list folders, search and read mail, send, draft,
/// reply and move messages over Microsoft Graph v1.0. Least privilege for that: <c>Mail.ReadWrite</c> (read, create
/// drafts, move; it includes what Mail.Read grants), <c>Mail.Send</c> (send a draft) and <c>offline_access</c> (a refresh
/// token) — no Mail.Read beside them, no shared mailboxes, no settings. Settings: <c>api_base_url</c> (default <c>https://graph.microsoft.com/v1.0</c>),
/// <c>token_url</c>, <c>auth_url</c>, <c>tenant</c>.
/// </summary>
public sealed class OutlookMailConnectorType : IConnectorType
{
    public const string TypeKey = "outlook_mail";
    public const string DefaultBaseUrl = GraphConnector.DefaultBaseUrl;
    public const string MailReadWriteScope = "https://graph.microsoft.com/Mail.ReadWrite";
    public const string MailSendScope = "https://graph.microsoft.com/Mail.Send";
    public const string OfflineAccessScope = "offline_access";

    public string Type => TypeKey;

    public string DisplayName => "Outlook Mail";

    public string Provider => MicrosoftOAuthProvider.ProviderKey;

    public string Description => "List folders, search, read, send, draft, reply to and move email in an Outlook / Microsoft 365 mailbox.";

    public IReadOnlyList<string> Scopes { get; } = [MailReadWriteScope, MailSendScope, OfflineAccessScope];

    public IReadOnlyList<string> SettingKeys { get; } = [ConnectorSettings.ApiBaseUrl, ConnectorSettings.TokenUrl, ConnectorSettings.AuthUrl, MicrosoftEndpoints.TenantSetting];

    public IReadOnlyList<ConnectorAction> Actions { get; } =
    [
        ListFoldersAction.Declaration,
        SearchMessagesAction.Declaration,
        GetMessageAction.Declaration,
        SendEmailAction.Declaration,
        CreateDraftAction.Declaration,
        ReplyAction.Declaration,
        MoveMessageAction.Declaration,
    ];

    public IConnector Create(ConnectorContext context) => new GraphConnector(context, this);
}
