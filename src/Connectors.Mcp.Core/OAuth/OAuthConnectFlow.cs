using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Core.OAuth;

/// <summary>
/// Connects a connector to an account with the OAuth 2.0 authorization code grant and PKCE (RFC 6749, RFC 7636 S256),
/// for any provider with an <see cref="IOAuthProvider"/>. <see cref="StartAsync"/> remembers a single-use, short-lived
/// <c>state</c> bound to the connector, the redirect URI and the PKCE verifier, and returns the consent URL;
/// <see cref="CompleteAsync"/> takes the provider's redirect, redeems the state, exchanges the code and stores the tokens
/// (encrypted), which makes the connector active. The CLI's loopback listener and the HTTP server's callback both
/// drive this one class.
/// </summary>
public sealed partial class OAuthConnectFlow
{
    /// <summary>How long a started flow may wait for the provider's redirect.</summary>
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    private readonly ConnectorRegistry _types;
    private readonly OAuthProviderRegistry _providers;
    private readonly IConnectorStore _connectors;
    private readonly ICredentialStore _credentials;
    private readonly IOAuthStateStore _states;
    private readonly OAuthTokenExchange _exchange;
    private readonly TimeProvider _time;
    private readonly ILogger<OAuthConnectFlow> _logger;

    public OAuthConnectFlow(
        ConnectorRegistry types,
        OAuthProviderRegistry providers,
        IConnectorStore connectors,
        ICredentialStore credentials,
        IOAuthStateStore states,
        IHttpClientFactory httpClients,
        TimeProvider time,
        ILogger<OAuthConnectFlow> logger)
    {
        _types = types;
        _providers = providers;
        _connectors = connectors;
        _credentials = credentials;
        _states = states;
        _exchange = new OAuthTokenExchange(httpClients, time);
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Starts connecting <paramref name="connector"/>: checks that its provider can be connected and has an OAuth
    /// client, stores a new state, and returns the provider's consent URL. The redirect must later arrive at exactly
    /// <paramref name="redirectUri"/>.
    /// </summary>
    /// <exception cref="OAuthConnectException">Unknown type, unsupported provider, no OAuth client, or a bad <c>auth_url</c>.</exception>
    public async Task<OAuthAuthorizationRequest> StartAsync(ConnectorInstance connector, Uri redirectUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(redirectUri);
        if (!redirectUri.IsAbsoluteUri || redirectUri.Scheme is not ("http" or "https") || redirectUri.Fragment.Length > 0)
        {
            throw new ArgumentException("The redirect URI must be an absolute http(s) URI without a fragment.", nameof(redirectUri));
        }

        var (type, provider) = Resolve(connector);
        var client = await RequireClientAsync(provider, cancellationToken).ConfigureAwait(false);
        var endpoint = Endpoint(connector, ConnectorSettings.AuthUrl, provider.AuthorizationEndpointFor);

        var state = RandomTokens.Create(32);
        var verifier = Pkce.CreateVerifier();
        var now = _time.GetUtcNow();
        var pending = new OAuthPendingAuthorization(state, connector.WorkspaceId, connector.Id, redirectUri.AbsoluteUri, verifier, now, now + StateLifetime);
        await _states.SaveAsync(pending, cancellationToken).ConfigureAwait(false);

        List<KeyValuePair<string, string>> parameters =
        [
            new("client_id", client.ClientId),
            new("redirect_uri", pending.RedirectUri),
            new("response_type", "code"),
            new("scope", string.Join(' ', type.Scopes)),
            new("state", state),
            new("code_challenge", Pkce.Challenge(verifier)),
            new("code_challenge_method", Pkce.Method),
            .. provider.AuthorizationParameters,
        ];
        LogStarted(connector.Id, provider.Provider, pending.RedirectUri);
        return new OAuthAuthorizationRequest(connector, provider.DisplayName, OAuthAuthorizationUrl.Build(endpoint, parameters), redirectUri, state, pending.ExpiresAt);
    }

    /// <summary>
    /// Finishes a flow from the provider's redirect, which arrived at <paramref name="redirectUri"/>: redeems the state
    /// (once), checks its age and redirect URI, exchanges the code with the PKCE verifier and stores the tokens.
    /// </summary>
    /// <exception cref="OAuthConnectException">Anything that stops the flow; nothing is stored then.</exception>
    public async Task<OAuthConnection> CompleteAsync(OAuthCallback callback, Uri redirectUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(redirectUri);
        if (callback.State is null)
        {
            throw new OAuthConnectException(OAuthConnectError.MissingState,
                "The redirect carries no state, so it cannot be matched to a connection that was started here. Nothing was stored.");
        }

        var redemption = await _states.RedeemAsync(callback.State, cancellationToken).ConfigureAwait(false);
        var pending = redemption.Status switch
        {
            OAuthStateStatus.Redeemed => redemption.Authorization!,
            OAuthStateStatus.AlreadyUsed => throw new OAuthConnectException(OAuthConnectError.StateAlreadyUsed,
                "This authorization response was used already (each one works once; reloading the result page repeats it). Nothing more was stored."),
            _ => throw new OAuthConnectException(OAuthConnectError.UnknownState,
                "The state of this redirect is unknown here: the connection was not started by this server, or it was started too long ago. Nothing was stored."),
        };

        if (_time.GetUtcNow() >= pending.ExpiresAt)
        {
            throw new OAuthConnectException(OAuthConnectError.ExpiredState,
                $"The connection was started more than {StateLifetime.TotalMinutes:0} minutes ago and has expired. Nothing was stored.");
        }

        if (!string.Equals(pending.RedirectUri, redirectUri.AbsoluteUri, StringComparison.Ordinal))
        {
            LogRedirectMismatch(pending.ConnectorId, pending.RedirectUri, redirectUri.AbsoluteUri);
            throw new OAuthConnectException(OAuthConnectError.RedirectUriMismatch,
                $"The redirect arrived at {redirectUri.GetLeftPart(UriPartial.Path)}, but the connection was started for {new Uri(pending.RedirectUri).GetLeftPart(UriPartial.Path)}. Nothing was stored.");
        }

        var connector = await _connectors.FindAsync(pending.ConnectorId, cancellationToken).ConfigureAwait(false);
        if (connector is null || connector.WorkspaceId != pending.WorkspaceId)
        {
            throw new OAuthConnectException(OAuthConnectError.UnknownConnector,
                $"Connector '{pending.ConnectorId}' was removed while it was being connected. Nothing was stored.");
        }

        var (type, provider) = Resolve(connector);
        if (callback.Error is { } error)
        {
            var cleanError = ProviderText.Clean(error) ?? "error";
            var description = ProviderText.Clean(callback.ErrorDescription);
            LogDeclined(connector.Id, cleanError);
            throw error == "access_denied"
                ? new OAuthConnectException(OAuthConnectError.AccessDenied,
                    $"Access to the {provider.DisplayName} account was not granted (access_denied), so connector '{connector.Name}' was not connected. Nothing was stored.")
                : new OAuthConnectException(OAuthConnectError.AuthorizationFailed,
                    $"{provider.DisplayName} did not authorize connector '{connector.Name}' ({cleanError}{(description is null ? "" : $": {description}")}). Nothing was stored.");
        }

        if (callback.Code is not { } code)
        {
            throw new OAuthConnectException(OAuthConnectError.MissingCode,
                $"The redirect from {provider.DisplayName} carries neither an authorization code nor an error. Nothing was stored.");
        }

        var client = await RequireClientAsync(provider, cancellationToken).ConfigureAwait(false);
        var tokenEndpoint = Endpoint(connector, ConnectorSettings.TokenUrl, provider.TokenEndpointFor);
        var response = await _exchange.ExchangeCodeAsync(provider, tokenEndpoint, client, code, pending.RedirectUri, pending.CodeVerifier, cancellationToken)
            .ConfigureAwait(false);

        var granted = response.Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. type.Scopes];
        var missing = type.Scopes.Where(s => !provider.IsGranted(s, granted)).ToList();
        if (missing.Count > 0)
        {
            LogInsufficientScope(connector.Id, string.Join(' ', missing));
            throw new OAuthConnectException(OAuthConnectError.InsufficientScope,
                $"{provider.DisplayName} granted connector '{connector.Name}' fewer permissions than {type.DisplayName} needs (missing: {string.Join(", ", missing)}), " +
                "probably because a box was left unticked on the consent screen. Nothing was stored; connect again and allow every permission asked for.");
        }

        var now = _time.GetUtcNow();
        var tokens = new OAuthTokens(
            response.AccessToken,
            response.RefreshToken,
            response.ExpiresInSeconds is { } seconds ? now.AddSeconds(seconds) : null,
            response.Scope,
            response.TokenType);
        await _credentials.SaveTokensAsync(connector.WorkspaceId, connector.Id, tokens, cancellationToken).ConfigureAwait(false);

        // A person just reconnected it: a connector parked in `error` gets its chance again (`disabled` stays disabled).
        var after = await _connectors.FindAsync(connector.Id, CancellationToken.None).ConfigureAwait(false) ?? connector;
        if (after.Status == ConnectorStatus.Error)
        {
            after = await _connectors.SetEnabledAsync(connector.Id, enabled: true, CancellationToken.None).ConfigureAwait(false);
        }

        LogConnected(connector.Id, provider.Provider, response.RefreshToken is not null);
        return new OAuthConnection(after, type.DisplayName, IdTokenClaims.Email(response.IdToken), granted, response.RefreshToken is not null);
    }

    private (IConnectorType Type, IOAuthProvider Provider) Resolve(ConnectorInstance connector)
    {
        var type = _types.Find(connector.Type) ?? throw new OAuthConnectException(OAuthConnectError.UnknownConnectorType,
            $"Connector '{connector.Name}' has type '{connector.Type}', which this build does not know.");
        var provider = _providers.Find(type.Provider) ?? throw new OAuthConnectException(OAuthConnectError.UnsupportedProvider,
            $"This build has no OAuth connect flow for provider '{type.Provider}' (connector '{connector.Name}'). Give it tokens with " +
            $"{CliInstructions.ConnectorSetToken(connector.Id)} instead.");
        return (type, provider);
    }

    private async Task<OAuthClientCredentials> RequireClientAsync(IOAuthProvider provider, CancellationToken cancellationToken) =>
        await _credentials.GetOAuthClientAsync(provider.Provider, cancellationToken).ConfigureAwait(false)
        ?? throw new OAuthConnectException(OAuthConnectError.NoOAuthClient,
            $"No OAuth client is configured for {provider.Provider}. Create one in the {provider.DisplayName} console, then run " +
            $"{CliInstructions.OAuthClientSet(provider.Provider)} and connect again.");

    /// <summary>The endpoint setting when the connector has one, else the provider's endpoint for the connector's settings.</summary>
    private static Uri Endpoint(ConnectorInstance connector, string setting, Func<ConnectorSettings, Uri> providerDefault)
    {
        try
        {
            var settings = new ConnectorSettings(connector.Settings);
            return settings.Get(setting) is null ? providerDefault(settings) : settings.GetUri(setting, string.Empty);
        }
        catch (InvalidOperationException exception)
        {
            throw new OAuthConnectException(OAuthConnectError.InvalidEndpointSetting,
                $"Connector '{connector.Name}': {exception.Message} Fix it with {CliInstructions.ConnectorAddCommand} settings, or remove the setting to use the provider's default.", exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth connect started for connector {ConnectorId} ({Provider}), redirect URI {RedirectUri}.")]
    private partial void LogStarted(string connectorId, string provider, string redirectUri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth redirect for connector {ConnectorId} arrived at {Actual}, but the flow was started for {Expected}; refused.")]
    private partial void LogRedirectMismatch(string connectorId, string expected, string actual);

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth connect for connector {ConnectorId} was declined at the provider ({Error}).")]
    private partial void LogDeclined(string connectorId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth connect for connector {ConnectorId} granted too few scopes (missing {Missing}); nothing stored.")]
    private partial void LogInsufficientScope(string connectorId, string missing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {ConnectorId} connected through {Provider} OAuth (refresh token issued: {HasRefreshToken}).")]
    private partial void LogConnected(string connectorId, string provider, bool hasRefreshToken);
}
