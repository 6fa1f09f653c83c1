using Connectors.Mcp.Sandbox.Microsoft.Calendar;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>
/// A local fake of the Microsoft identity platform (v2.0 authorize and token endpoints, rotating refresh tokens,
/// <c>invalid_grant</c> with an AADSTS code) and of Microsoft Graph v1.0 mail (folders, messages with <c>$search</c> /
/// <c>$filter</c> / <c>$orderby</c> / <c>$top</c> / <c>$select</c>, <c>@odata.nextLink</c> on its own host, one
/// message with the text body preference), on Kestrel at 127.0.0.1 (random port), speaking the real wire formats.
/// Point an <c>outlook_mail</c> connector at <see cref="GraphBaseUrl"/> (<c>api_base_url</c>), <see cref="TokenUrl"/>
/// and <see cref="AuthUrl"/>. Faults (429 with Retry-After, 503) are queued per endpoint with <see cref="InjectFault"/>.
/// It writes no logs (it runs inside the stdio server, whose stdout is JSON-RPC only).
/// </summary>
public sealed class FakeMicrosoftServer : IAsyncDisposable
{
    public const string SandboxClientId = "00000000-0000-0000-0000-00000000c0de";
    public const string SandboxClientSecret = "sandbox-client-secret";
    public const string SandboxUserAddress = "demo.user@sandbox.test";
    public const string GrantedScope = "https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/Mail.Send https://graph.microsoft.com/User.Read";

    /// <summary>A refresh token the fake accepts from the start (until it rotates), for a sandbox connector's first grant.</summary>
    public const string SandboxRefreshToken = "M.C5_sandbox-demo-refresh-token";

    private readonly TimeProvider _time;
    private readonly MicrosoftTokenRegistry _tokens;
    private readonly OutlookMailbox _mailbox = new();
    private readonly FakeMicrosoftLedger _ledger = new();
    private readonly GraphCalendarEndpoints _calendarEndpoints;
    private LoopbackFakeHost? _host;

    public FakeMicrosoftServer(TimeProvider? time = null, bool seed = true)
    {
        _time = time ?? TimeProvider.System;
        _tokens = new MicrosoftTokenRegistry(_time);
        _tokens.RegisterRefreshToken(SandboxRefreshToken);
        if (seed)
        {
            SandboxOutlookSeed.Apply(_mailbox, _time.GetUtcNow(), SandboxUserAddress);
        }

        Calendar = new FakeOutlookCalendar(_time, SandboxUserAddress);
        _calendarEndpoints = new GraphCalendarEndpoints(Calendar, _tokens);
        if (seed)
        {
            SandboxCalendarSeed.Apply(Calendar, _time.GetUtcNow());
        }
    }

    /// <summary>Graph's root on the fake: the connector's <c>api_base_url</c>.</summary>
    public Uri GraphBaseUrl => new(Root, "v1.0");

    /// <summary>The tenant-specific token endpoint (tenant <c>common</c>): the connector's <c>token_url</c>.</summary>
    public Uri TokenUrl => new(Root, "common/oauth2/v2.0/token");

    /// <summary>The consent endpoint: the connector's <c>auth_url</c>.</summary>
    public Uri AuthUrl => new(Root, "common/oauth2/v2.0/authorize");

    public string ClientId => SandboxClientId;

    public string ClientSecret => SandboxClientSecret;

    /// <summary>Lifetime of access tokens issued from now on.</summary>
    public TimeSpan AccessTokenLifetime
    {
        get => _tokens.AccessTokenLifetime;
        set => _tokens.AccessTokenLifetime = value;
    }

    public IReadOnlyList<FakeOutlookMessage> Messages => _mailbox.Messages;

    /// <summary>The messages in a folder, by id or well-known name (e.g. <c>sentitems</c>, <c>drafts</c>).</summary>
    public IReadOnlyList<FakeOutlookMessage> MessagesIn(string folder) =>
        _mailbox.FindFolder(folder) is { } f ? _mailbox.Messages.Where(m => m.FolderId == f.Id).ToList() : [];

    /// <summary>Adds a user folder (e.g. <c>Receipts</c>) to the mailbox.</summary>
    public void AddFolder(FakeOutlookFolder folder) => _mailbox.AddFolder(folder);

    /// <summary>The fake Graph calendar (calendars, events, calendarView, getSchedule; its own faults and counts).</summary>
    public FakeOutlookCalendar Calendar { get; }

    private Uri Root => _host?.Root ?? throw new InvalidOperationException("The fake Microsoft server is not started.");

    public Task StartAsync(CancellationToken cancellationToken = default) => StartAsync(0, cancellationToken);

    /// <summary>Starts on this loopback port (0: a free one), e.g. so a restarted fake keeps its URLs.</summary>
    public async Task StartAsync(int port, CancellationToken cancellationToken = default)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The fake Microsoft server is already started.");
        }

        var identity = new IdentityPlatformEndpoints(_tokens, SandboxClientId, SandboxClientSecret, GrantedScope + " offline_access");
        var graph = new GraphMailEndpoints(_mailbox, _tokens, _ledger, new GraphMailWriteEndpoints(_mailbox, _time, SandboxUserAddress));
        _host = await LoopbackFakeHost.StartAsync(context => DispatchAsync(context, identity, graph), port, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    /// <summary>A new refresh token and an access token for it, as a connector's stored credentials.</summary>
    public FakeMicrosoftGrant IssueTokens() => IssueTokens(_tokens.MintRefreshToken());

    /// <summary>An access token for a live refresh token (e.g. <see cref="SandboxRefreshToken"/>).</summary>
    public FakeMicrosoftGrant IssueTokens(string refreshToken)
    {
        var (accessToken, lifetime) = _tokens.IssueAccessToken(refreshToken)
            ?? throw new InvalidOperationException("That refresh token is unknown to the fake, rotated away or revoked.");
        return new FakeMicrosoftGrant(accessToken, refreshToken, _time.GetUtcNow() + lifetime, GrantedScope);
    }

    /// <summary>Whether a refresh token still works (not revoked, not rotated away).</summary>
    public bool IsLiveRefreshToken(string refreshToken) => _tokens.IsLive(refreshToken);

    /// <summary>Kills a grant: its refresh token now gets <c>invalid_grant</c> (AADSTS70000), its access tokens 401.</summary>
    public bool RevokeGrant(string refreshToken) => _tokens.Revoke(refreshToken);

    /// <summary>Every access token issued so far expires now.</summary>
    public void ExpireAccessTokens() => _tokens.ExpireAll();

    /// <summary>Requests received by an endpoint (<see cref="FakeMicrosoftEndpoints"/>), whatever their outcome.</summary>
    public int RequestCount(string endpoint) => _ledger.Count(endpoint);

    /// <summary>The next request to <paramref name="endpoint"/> answers with <paramref name="fault"/> (queued, one-shot).</summary>
    public void InjectFault(string endpoint, FakeGraphFault fault) => _ledger.Enqueue(endpoint, fault);

    /// <summary>Delivers a message into the mailbox (e.g. many messages for paging tests).</summary>
    public void AddMessage(FakeOutlookMessage message) => _mailbox.Add(message);

    private async Task DispatchAsync(HttpContext context, IdentityPlatformEndpoints identity, GraphMailEndpoints graph)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            _ledger.Record(FakeMicrosoftEndpoints.Token);
            if (_ledger.TakeFault(FakeMicrosoftEndpoints.Token) is { } fault)
            {
                await IdentityPlatformEndpoints.ErrorAsync(context, fault.StatusCode, "temporarily_unavailable", "AADSTS90033: A transient error has occurred. Please try again.");
                return;
            }

            await identity.TokenAsync(context);
        }
        else if (path.EndsWith("/oauth2/v2.0/authorize", StringComparison.Ordinal))
        {
            _ledger.Record(FakeMicrosoftEndpoints.Authorize);
            await identity.AuthorizeAsync(context);
        }
        else if (GraphCalendarEndpoints.Handles(path))
        {
            await _calendarEndpoints.HandleAsync(context);
        }
        else if (path.StartsWith(GraphMailEndpoints.Prefix, StringComparison.Ordinal))
        {
            await graph.HandleAsync(context);
        }
        else
        {
            await GraphJson.ErrorAsync(context, 400, "BadRequest", $"Invalid version or resource: '{path}'.");
        }
    }
}
