using Connectors.Mcp.Sandbox.Google.Calendar;
using Connectors.Mcp.Sandbox.Google.Gmail;
using Connectors.Mcp.Sandbox.Google.OAuth;
using Microsoft.AspNetCore.Http;
using MimeKit;

namespace Connectors.Mcp.Sandbox.Google;

/// <summary>
/// A local fake of Google's OAuth token and revocation endpoints and the Gmail REST v1 API, on Kestrel at 127.0.0.1 (random port),
/// speaking the real wire format. It backs <c>--sandbox</c> and the tests: point a Gmail connector's settings at
/// <see cref="BaseUrl"/> (<c>api_base_url</c>), <see cref="TokenUrl"/> (<c>token_url</c>) and <see cref="AuthUrl"/>
/// (<c>auth_url</c>), give it the OAuth client <see cref="SandboxClientId"/> / <see cref="SandboxClientSecret"/>, and
/// seed it with <see cref="IssueTokens"/>.
/// </summary>
/// <remarks>
/// Endpoints: <c>POST /token</c>, <c>POST /revoke</c>, <c>GET /o/oauth2/v2/auth</c> (consent without a browser: PKCE, exact redirect URI and
/// single-use codes are enforced at the token endpoint; <see cref="DenyConsent"/>, <see cref="WithheldScopes"/>), and under <c>/gmail/v1/users/me/</c>: <c>messages</c>,
/// <c>messages/{id}</c>, <c>messages/send</c>, <c>messages/{id}/modify</c>, <c>drafts</c>, <c>labels</c>,
/// <c>labels/{id}</c>; and Calendar v3 under <c>/calendar/v3/</c> (see <see cref="FakeCalendar"/>). It writes no logs (it runs inside the stdio server, whose stdout is JSON-RPC only).
/// </remarks>
public sealed class FakeGoogleServer : IAsyncDisposable
{
    /// <summary>The OAuth client id the sandbox's token endpoint accepts.</summary>
    public const string SandboxClientId = "connectors-mcp-sandbox.apps.googleusercontent.com";

    /// <summary>The matching client secret (a sandbox value, not a secret).</summary>
    public const string SandboxClientSecret = "sandbox-client-secret";

    /// <summary>The sandbox mailbox owner.</summary>
    public const string SandboxUserAddress = "demo.user@sandbox.test";

    /// <summary>
    /// A refresh token every fake accepts from the start (until revoked), so a sandbox connector stored in a previous
    /// run can refresh its way back in after a restart.
    /// </summary>
    public const string SandboxRefreshToken = "1//sandbox-demo-refresh-token";

    /// <summary>The scopes the fake grants (space-separated, as Google's token endpoint returns them): Gmail's and Calendar's.</summary>
    public const string GrantedScope =
        "https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/calendar.events " +
        "https://www.googleapis.com/auth/calendar.calendarlist.readonly https://www.googleapis.com/auth/calendar.freebusy";

    private readonly FakeGoogleServerOptions _options;
    private readonly OAuthTokenRegistry _tokens;
    private readonly AuthorizationCodeRegistry _codes;
    private readonly FakeConsent _consent = new();
    private readonly GmailMailbox _mailbox;
    private readonly RequestLedger _ledger = new();
    private readonly CalendarEndpoints _calendarEndpoints;
    private LoopbackFakeHost? _host;

    public FakeGoogleServer(FakeGoogleServerOptions? options = null)
    {
        _options = options ?? new FakeGoogleServerOptions();
        _tokens = new OAuthTokenRegistry(_options.Time, GrantedScope) { AccessTokenLifetime = _options.AccessTokenLifetime };
        _tokens.RegisterRefreshToken(SandboxRefreshToken);
        _codes = new AuthorizationCodeRegistry(_options.Time);
        _mailbox = new GmailMailbox(_options.Time, _options.UserAddress);
        if (_options.SeedMailbox)
        {
            SandboxMailboxSeed.Apply(_mailbox, _options.Time.GetUtcNow());
        }

        var calendarStore = new CalendarStore(_options.Time, _options.UserAddress);
        Calendar = new FakeCalendar(calendarStore, _options.Time.GetUtcNow(), seed: true);
        _calendarEndpoints = new CalendarEndpoints(calendarStore, _tokens, _ledger);
    }

    /// <summary>Root of the fake, with a trailing slash: the connector's <c>api_base_url</c>.</summary>
    public Uri BaseUrl => _host?.Root ?? throw new InvalidOperationException("The fake Google server is not started.");

    /// <summary>The OAuth token endpoint: the connector's <c>token_url</c>.</summary>
    public Uri TokenUrl => new(BaseUrl, "token");

    /// <summary>The OAuth authorization (consent) endpoint: the connector's <c>auth_url</c>.</summary>
    public Uri AuthUrl => new(BaseUrl, "o/oauth2/v2/auth");

    /// <summary>The token revocation endpoint: the connector's <c>revoke_url</c>.</summary>
    public Uri RevokeUrl => new(BaseUrl, "revoke");

    public string ClientId => _options.ClientId;

    public string ClientSecret => _options.ClientSecret;

    public string UserAddress => _options.UserAddress;

    /// <summary>The fake Google Calendar (seeded): its events, the writes it accepted, free/busy faults.</summary>
    public FakeCalendar Calendar { get; }

    /// <summary>Lifetime of access tokens issued from now on.</summary>
    public TimeSpan AccessTokenLifetime
    {
        get => _tokens.AccessTokenLifetime;
        set => _tokens.AccessTokenLifetime = value;
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => StartAsync(0, cancellationToken);

    /// <summary>Starts on this loopback port (0: a free one), e.g. so a restarted fake keeps its URLs.</summary>
    public async Task StartAsync(int port, CancellationToken cancellationToken = default)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The fake Google server is already started.");
        }

        var token = new TokenEndpoint(_tokens, new AuthorizationCodeGrant(_codes, _tokens, _options.Time, _options.UserAddress), _options.ClientId, _options.ClientSecret)
        {
            RotateRefreshTokens = _options.RotateRefreshTokens,
            ResponseDelay = _options.TokenResponseDelay,
        };
        var revoke = new RevokeEndpoint(_tokens);
        var authorize = new AuthorizeEndpoint(_codes, _consent, _options.ClientId);
        var gmail = new GmailEndpoints(_mailbox, _tokens, _ledger);
        _host = await LoopbackFakeHost.StartAsync(context => DispatchAsync(context, token, revoke, authorize, gmail), port, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    // ---- tokens ----

    /// <summary>A new live refresh token for the sandbox client.</summary>
    public string MintRefreshToken() => _tokens.MintRefreshToken();

    /// <summary>A new refresh token and a fresh access token for it, as a connector's stored credentials.</summary>
    public FakeTokenGrant IssueTokens() => IssueTokens(_tokens.MintRefreshToken());

    /// <summary>A fresh access token for a live refresh token (e.g. <see cref="SandboxRefreshToken"/>).</summary>
    /// <exception cref="InvalidOperationException">The refresh token is unknown or revoked.</exception>
    public FakeTokenGrant IssueTokens(string refreshToken)
    {
        var (accessToken, lifetime) = _tokens.IssueAccessToken(refreshToken)
            ?? throw new InvalidOperationException("That refresh token is unknown to the fake or revoked.");
        return new FakeTokenGrant(accessToken, refreshToken, _options.Time.GetUtcNow() + lifetime, GrantedScope);
    }

    /// <summary>Revokes a grant: its refresh token now gets <c>invalid_grant</c> and its access tokens 401.</summary>
    public bool RevokeGrant(string refreshToken) => _tokens.Revoke(refreshToken);

    /// <summary>Whether a refresh token still works (not revoked, not rotated away).</summary>
    public bool IsLiveRefreshToken(string refreshToken) => _tokens.IsLiveRefreshToken(refreshToken);

    /// <summary>Every access token issued so far expires now (the next Gmail call with one gets 401).</summary>
    public void ExpireAccessTokens() => _tokens.ExpireAll();

    // ---- consent ----

    /// <summary>
    /// The simulated person declines on the consent screen: <c>GET /o/oauth2/v2/auth</c> redirects back with
    /// <c>error=access_denied</c> (and the state) instead of a code.
    /// </summary>
    public bool DenyConsent
    {
        get => _consent.Deny;
        set => _consent.Deny = value;
    }

    /// <summary>Scopes the simulated person leaves unticked on the (granular) consent screen: they are missing from the grant.</summary>
    public IReadOnlyCollection<string> WithheldScopes
    {
        get => _consent.WithheldScopes;
        set => _consent.WithheldScopes = value;
    }

    /// <summary>Requests to <c>POST /token</c>, whatever their outcome.</summary>
    public int TokenRequestCount => _ledger.Count(FakeGoogleEndpoints.Token);

    // ---- requests and faults ----

    /// <summary>Requests received by an endpoint (<see cref="FakeGoogleEndpoints"/>), whatever their outcome.</summary>
    public int RequestCount(string endpoint) => _ledger.Count(endpoint);

    /// <summary>Requests held by a <see cref="FakeFault.Slow"/> fault that the client abandoned (disconnected) before the fake applied them.</summary>
    public int AbandonedRequestCount => _ledger.Abandoned;

    /// <summary>Requests received by all endpoints, token endpoint included.</summary>
    public int TotalRequestCount => _ledger.Total;

    /// <summary>The next request to <paramref name="endpoint"/> answers with <paramref name="fault"/> (queued, one-shot).</summary>
    public void InjectFault(string endpoint, FakeFault fault) => _ledger.Enqueue(endpoint, fault);

    // ---- mailbox ----

    /// <summary>Messages received by <c>messages.send</c>, in order.</summary>
    public IReadOnlyList<FakeSentMessage> SentMessages => _mailbox.Sent;

    /// <summary>Drafts received by <c>drafts.create</c>, in order.</summary>
    public IReadOnlyList<FakeDraft> Drafts => _mailbox.Drafts;

    /// <summary>A snapshot of every message in the mailbox (seeded, added, sent and drafts).</summary>
    public IReadOnlyList<FakeMailboxMessage> Messages => _mailbox.Snapshot();

    public FakeMailboxMessage? FindMessage(string id) => _mailbox.Find(id)?.Snapshot();

    /// <summary>Delivers a message into the mailbox (e.g. many messages for paging tests).</summary>
    public FakeMailboxMessage AddMessage(MimeMessage message, IEnumerable<string> labelIds, string? threadId = null) =>
        _mailbox.Add(message, labelIds, threadId);

    private async Task DispatchAsync(HttpContext context, TokenEndpoint token, RevokeEndpoint revoke, AuthorizeEndpoint authorize, GmailEndpoints gmail)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/token")
        {
            _ledger.Record(FakeGoogleEndpoints.Token);
            if (!await WriteOAuthFaultAsync(context, FakeGoogleEndpoints.Token))
            {
                await token.HandleAsync(context);
            }
        }
        else if (path == "/revoke")
        {
            _ledger.Record(FakeGoogleEndpoints.Revoke);
            if (!await WriteOAuthFaultAsync(context, FakeGoogleEndpoints.Revoke))
            {
                await revoke.HandleAsync(context);
            }
        }
        else if (path == "/o/oauth2/v2/auth")
        {
            _ledger.Record(FakeGoogleEndpoints.Authorize);
            await authorize.HandleAsync(context);
        }
        else if (path.StartsWith(GmailEndpoints.Prefix, StringComparison.Ordinal))
        {
            await gmail.HandleAsync(context);
        }
        else if (path.StartsWith(CalendarEndpoints.Prefix, StringComparison.Ordinal))
        {
            await _calendarEndpoints.HandleAsync(context);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/html; charset=UTF-8";
            await context.Response.WriteAsync("<!DOCTYPE html><title>Error 404 (Not Found)</title><p>The requested URL was not found on this server.", context.RequestAborted);
        }
    }

    /// <summary>Answers with the endpoint's queued fault in the OAuth error shape, if one is queued.</summary>
    private async Task<bool> WriteOAuthFaultAsync(HttpContext context, string endpoint)
    {
        if (_ledger.TakeFault(endpoint) is not { } fault)
        {
            return false;
        }

        await GoogleJsonResponses.WriteAsync(context, new System.Text.Json.Nodes.JsonObject
        {
            ["error"] = fault.StatusCode >= 500 ? "internal_failure" : "invalid_request",
            ["error_description"] = $"Injected failure ({fault.StatusCode}).",
        }, fault.StatusCode);
        return true;
    }
}
