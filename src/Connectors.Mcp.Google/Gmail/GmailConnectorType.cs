using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Google.Gmail.Actions;

namespace Connectors.Mcp.Google.Gmail;

/// <summary>
/// The <c>gmail</c> connector type (provider <c>google</c>): search, read, send, draft and label mail over Gmail REST v1.
/// Settings: <c>api_base_url</c> (default <c>https://gmail.googleapis.com/</c>), <c>token_url</c>, <c>auth_url</c>,
/// <c>revoke_url</c>.
/// </summary>
public sealed class GmailConnectorType : IConnectorType
{
    public const string TypeKey = "gmail";
    public const string ProviderKey = Auth.GoogleOAuthProvider.ProviderKey;

    /// <summary>Read, compose, send and label mail; never permanent deletion.</summary>
    public const string ModifyScope = "https://www.googleapis.com/auth/gmail.modify";

    public string Type => TypeKey;

    public string DisplayName => "Gmail";

    public string Provider => ProviderKey;

    public string Description => "Search, read, send and draft email and manage labels in a Gmail account.";

    public IReadOnlyList<string> Scopes { get; } = [ModifyScope];

    public IReadOnlyList<string> SettingKeys { get; } = [ConnectorSettings.ApiBaseUrl, ConnectorSettings.TokenUrl, ConnectorSettings.AuthUrl, ConnectorSettings.RevokeUrl];

    public IReadOnlyList<ConnectorAction> Actions { get; } =
    [
        SearchInboxAction.Declaration,
        GetMessageAction.Declaration,
        SendEmailAction.Declaration,
        CreateDraftAction.Declaration,
        ListLabelsAction.Declaration,
        ModifyLabelsAction.Declaration,
    ];

    public IConnector Create(ConnectorContext context) => new GmailConnector(context, this);
}
