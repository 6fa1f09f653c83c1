using Google.Apis.Services;

namespace Connectors.Mcp.Google.Gmail;

/// <summary>
/// A minimal Gmail REST v1 client service (the typed Google.Apis.Gmail.v1 package is not available). Its base URI is
/// the connector's <c>api_base_url</c> setting, default <see cref="DefaultBaseUri"/>; request paths are
/// <c>gmail/v1/users/me/…</c>.
/// </summary>
internal sealed class GmailClientService(BaseClientService.Initializer initializer) : BaseClientService(initializer)
{
    public const string DefaultBaseUri = "https://gmail.googleapis.com/";

    public override string Name => "gmail";

    public override string BaseUri => BaseUriOverride ?? DefaultBaseUri;

    public override string BasePath => string.Empty;

    public override IList<string> Features { get; } = [];
}
