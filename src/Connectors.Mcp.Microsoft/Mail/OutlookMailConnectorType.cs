using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Auth;
using Connectors.Mcp.Microsoft.Mail.Actions;

namespace Connectors.Mcp.Microsoft.Mail;

/// <summary>
/// The <c>outlook_mail</c> connector type (provider <c>microsoft</c>): list folders, search and read mail over Microsoft
/// Graph v1.0. This slice only reads, so it asks only for <c>Mail.Read</c> plus <c>offline_access</c> (a refresh token);
/// sending will add <c>Mail.Send</c>. Settings: <c>api_base_url</c> (default <c>https://graph.microsoft.com/v1.0</c>),
/// <c>token_url</c>, <c>auth_url</c>, <c>tenant</c>.
/// </summary>
public sealed class OutlookMailConnectorType : IConnectorType
{
    public const string TypeKey = "outlook_mail";
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";
    public const string MailReadScope = "https://graph.microsoft.com/Mail.Read";
    public const string OfflineAccessScope = "offline_access";

    public string Type => TypeKey;

    public string DisplayName => "Outlook Mail";

    public string Provider => MicrosoftOAuthProvider.ProviderKey;

    public string Description => "List folders, search and read email in an Outlook / Microsoft 365 mailbox (read-only).";

    public IReadOnlyList<string> Scopes { get; } = [MailReadScope, OfflineAccessScope];

    public IReadOnlyList<string> SettingKeys { get; } = [ConnectorSettings.ApiBaseUrl, ConnectorSettings.TokenUrl, ConnectorSettings.AuthUrl, MicrosoftEndpoints.TenantSetting];

    public IReadOnlyList<ConnectorAction> Actions { get; } =
    [
        ListFoldersAction.Declaration,
        SearchMessagesAction.Declaration,
        GetMessageAction.Declaration,
    ];

    public IConnector Create(ConnectorContext context) => new OutlookMailConnector(context, this);
}
