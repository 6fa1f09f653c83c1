using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Zoom.Auth;
using Connectors.Mcp.Zoom.Meetings.Actions;

namespace Connectors.Mcp.Zoom.Meetings;

/// <summary>
/// The <c>zoom</c> connector type (provider <c>zoom</c>): scheduled meetings and their registrants over Zoom REST API v2,
/// as the connected user (OAuth, rotating refresh tokens) or as a Server-to-Server app's account. Scopes
/// <c>meeting:read</c> and <c>meeting:write</c> (or their granular equivalents). Settings: <c>api_base_url</c> (default
/// <c>https://api.zoom.us/v2/</c>), <c>token_url</c> (<c>https://zoom.us/oauth/token</c>), <c>auth_url</c>
/// (<c>https://zoom.us/oauth/authorize</c>), <c>revoke_url</c> (<c>https://zoom.us/oauth/revoke</c>).
/// </summary>
public sealed class ZoomConnectorType : IConnectorType
{
    public const string TypeKey = "zoom";

    /// <summary>Server-to-Server tokens of this process (the type is a singleton), shared by every connector instance.</summary>
    private readonly ZoomServerTokenCache _serverTokens = new();

    public string Type => TypeKey;

    public string DisplayName => "Zoom";

    public string Provider => ZoomOAuthProvider.ProviderKey;

    public string Description => "Create, list, read, update and delete Zoom meetings and register participants.";

    public IReadOnlyList<string> Scopes { get; } = [ZoomScopes.MeetingRead, ZoomScopes.MeetingWrite];

    public IReadOnlyList<string> SettingKeys { get; } = [ConnectorSettings.ApiBaseUrl, ConnectorSettings.TokenUrl, ConnectorSettings.AuthUrl, ConnectorSettings.RevokeUrl];

    public IReadOnlyList<ConnectorAction> Actions { get; } =
    [
        ListMeetingsAction.Declaration,
        GetMeetingAction.Declaration,
        CreateMeetingAction.Declaration,
        UpdateMeetingAction.Declaration,
        DeleteMeetingAction.Declaration,
        AddRegistrantAction.Declaration,
    ];

    public IConnector Create(ConnectorContext context) => new ZoomConnector(context, this, _serverTokens);
}
