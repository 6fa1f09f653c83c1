using System.Text.Json;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.OAuth;

namespace Connectors.Mcp.Core.Tests.OAuth.Support;

/// <summary>A provider (<c>acme_id</c>) and a connector type (<c>acme_mail</c>) for exercising the connect flow.</summary>
internal static class TestOAuth
{
    public const string ProviderKey = "acme_id";
    public const string Scope = "https://acme.example/auth/mail.modify";
    public const string SecondScope = "https://acme.example/auth/mail.labels";

    public static readonly Uri AuthorizationEndpoint = new("https://id.acme.example/oauth2/auth");
    public static readonly Uri TokenEndpoint = new("https://id.acme.example/oauth2/token");

    public sealed class AcmeProvider : IOAuthProvider
    {
        public string Provider => ProviderKey;

        public string DisplayName => "Acme ID";

        public Uri AuthorizationEndpoint => TestOAuth.AuthorizationEndpoint;

        public Uri TokenEndpoint => TestOAuth.TokenEndpoint;

        /// <summary>Like Microsoft's tenant: a <c>region</c> setting picks the host of both endpoints.</summary>
        public Uri AuthorizationEndpointFor(ConnectorSettings settings) => Regional(settings, AuthorizationEndpoint);

        public Uri TokenEndpointFor(ConnectorSettings settings) => Regional(settings, TokenEndpoint);

        public IReadOnlyList<KeyValuePair<string, string>> AuthorizationParameters { get; } =
            [new("access_type", "offline"), new("prompt", "consent")];
    }

    public sealed class ConnectorType(string provider = ProviderKey) : IConnectorType
    {
        public string Type => "acme_mail";

        public string DisplayName => "Acme Mail";

        public string Provider => provider;

        public string Description => "Mail at Acme.";

        public IReadOnlyList<string> Scopes { get; } = [Scope, SecondScope];

        public IReadOnlyList<string> SettingKeys { get; } = [ConnectorSettings.AuthUrl, ConnectorSettings.TokenUrl];

        public IReadOnlyList<ConnectorAction> Actions { get; } = [];

        public IConnector Create(ConnectorContext context) => throw new NotSupportedException();
    }

    public const string RegionSetting = "region";

    private static Uri Regional(ConnectorSettings settings, Uri endpoint) => settings.Get(RegionSetting) switch
    {
        null => endpoint,
        var region when region.All(char.IsAsciiLetterLower) => new Uri($"https://{region}.{endpoint.Host}{endpoint.AbsolutePath}"),
        var region => throw new InvalidOperationException($"Setting '{RegionSetting}' must be lower-case letters, got '{region}'."),
    };

    /// <summary>An unsigned JWT with these claims, as an id_token.</summary>
    public static string IdToken(object claims) =>
        $"{Segment(new { alg = "RS256", typ = "JWT" })}.{Segment(claims)}.c2lnbmF0dXJl";

    private static string Segment(object value) => System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
