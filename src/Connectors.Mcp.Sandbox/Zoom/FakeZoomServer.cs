using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// A local fake of Zoom — OAuth (<c>zoom.us/oauth/…</c>) and the meetings API v2 (<c>api.zoom.us/v2/…</c>) on one Kestrel
/// host at 127.0.0.1 (random port) — speaking Zoom's wire format as documented. Point a <c>zoom</c> connector at it with
/// <c>api_base_url</c> = <see cref="ApiBaseUrl"/>, <c>token_url</c> = <see cref="TokenUrl"/>, <c>auth_url</c> =
/// <see cref="AuthUrl"/>, and the OAuth client <see cref="ClientId"/> / <see cref="ClientSecret"/> (or the
/// Server-to-Server app <see cref="S2SAccountId"/>, <see cref="S2SClientId"/>, <see cref="S2SClientSecret"/>).
/// </summary>
/// <remarks>
/// <para>OAuth: <c>GET /oauth/authorize</c> consents without a page (302 back with <c>code</c> and <c>state</c>; a
/// <c>code_challenge</c> must be S256). <c>POST /oauth/token</c> authenticates the client by HTTP Basic only and serves
/// <c>authorization_code</c> (single use, ten minutes, exact <c>redirect_uri</c>, PKCE verifier), <c>refresh_token</c> —
/// which always rotates: the answer carries a new refresh token and the one presented is dead at once (400
/// <c>{"reason":"Invalid Token!","error":"invalid_grant"}</c> from then on) — and <c>account_credentials</c> for the S2S
/// app (no refresh token). Token answers: <c>access_token</c>, <c>token_type</c> <c>bearer</c>, <c>refresh_token</c>,
/// <c>expires_in</c> (3599 by default), <c>scope</c>, <c>api_url</c>. <c>POST /oauth/revoke</c> kills a grant.</para>
/// <para>API under <c>/v2/</c> with <c>Authorization: Bearer</c> (unknown or revoked → 401 <c>{"code":124,"message":"Invalid
/// access token."}</c>, expired → 401 code 124 <c>Access token is expired.</c>): <c>POST users/{me|id|email}/meetings</c>
/// → 201 meeting; <c>GET users/{…}/meetings?type=scheduled|live|upcoming|upcoming_meetings|previous_meetings&amp;page_size=
/// (≤300)&amp;next_page_token=</c> → <c>{page_size,total_records,next_page_token,meetings}</c>; <c>GET meetings/{id}</c>;
/// <c>PATCH meetings/{id}</c> → 204; <c>DELETE meetings/{id}</c> → 204 (then 404 code 3001); <c>POST
/// meetings/{id}/registrants</c> → 201, or 404 <c>{"code":404,"message":"Registration has not been enabled for this
/// meeting: {id}."}</c> when <c>settings.approval_type</c> is 2 (Zoom's documented answer). Errors are <c>{"code","message"}</c>;
/// field validation is 400 code 300 <c>Validation Failed.</c> with <c>errors[{field,message}]</c>.</para>
/// <para>Rate limits: <see cref="ThrottleNext"/> arms per-second 429s; the per-user daily limit on creates plus updates
/// (<see cref="DailyCreateUpdateLimit"/>, reset at 00:00 UTC by the fake's clock) answers 429 with Zoom's daily message
/// and, by default, no <c>Retry-After</c> and no <c>X-RateLimit-Type</c>. Join links point at the fake itself, never at
/// zoom.us. It writes no logs (it runs inside the stdio server, whose stdout is JSON-RPC only).</para>
/// </remarks>
public sealed class FakeZoomServer : IAsyncDisposable
{
    private readonly FakeZoomServerOptions _options;
    private readonly ZoomTokenRegistry _tokens;
    private readonly ZoomMeetingStore _store;
    private readonly FakeZoomLedger _ledger = new();
    private readonly ZoomOAuthEndpoints _oauth;
    private readonly ZoomMeetingEndpoints _meetings;
    private LoopbackFakeHost? _host;

    /// <summary>A fake with <paramref name="options"/> (the sandbox's defaults when null); call <see cref="StartAsync"/>.</summary>
    public FakeZoomServer(FakeZoomServerOptions? options = null)
    {
        _options = options ?? new FakeZoomServerOptions();
        _tokens = new ZoomTokenRegistry(_options.Time, _options.AccessTokenLifetime);
        _store = new ZoomMeetingStore(_options.Time, new ZoomHostUser(ZoomRandom.ClientId(), _options.UserEmail, _options.UserTimezone));
        _oauth = new ZoomOAuthEndpoints(_tokens, _ledger, _options, () => BaseUrl);
        _meetings = new ZoomMeetingEndpoints(_tokens, _store, _ledger, _options);
    }

    /// <summary>The fake's root, <c>http://127.0.0.1:PORT/</c> (the token answer's <c>api_url</c>, without the slash).</summary>
    public Uri BaseUrl => _host?.Root ?? throw new InvalidOperationException("The fake Zoom server is not started.");

    /// <summary><c>{BaseUrl}v2/</c>: the connector's <c>api_base_url</c> (replaces <c>https://api.zoom.us/v2/</c>).</summary>
    public Uri ApiBaseUrl => new(BaseUrl, "v2/");

    /// <summary><c>{BaseUrl}oauth/token</c>: the connector's <c>token_url</c>.</summary>
    public Uri TokenUrl => new(BaseUrl, "oauth/token");

    /// <summary><c>{BaseUrl}oauth/authorize</c>: the connector's <c>auth_url</c>.</summary>
    public Uri AuthUrl => new(BaseUrl, "oauth/authorize");

    /// <summary><c>{BaseUrl}oauth/revoke</c>.</summary>
    public Uri RevokeUrl => new(BaseUrl, "oauth/revoke");

    /// <summary>The General (user-managed) app's client id: the client for <c>authorization_code</c> and <c>refresh_token</c>.</summary>
    public string ClientId => _options.ClientId;

    /// <summary>The General app's client secret (random per fake unless set in the options).</summary>
    public string ClientSecret => _options.ClientSecret;

    /// <summary>The Server-to-Server app's <c>account_id</c>.</summary>
    public string S2SAccountId => _options.S2SAccountId;

    /// <summary>The Server-to-Server app's client id.</summary>
    public string S2SClientId => _options.S2SClientId;

    /// <summary>The Server-to-Server app's client secret.</summary>
    public string S2SClientSecret => _options.S2SClientSecret;

    /// <summary>The host user's id (<c>host_id</c>; <c>users/{UserId}/meetings</c> works like <c>users/me/meetings</c>).</summary>
    public string UserId => _store.Host.Id;

    /// <summary>The host user's email (<c>host_email</c>).</summary>
    public string UserEmail => _store.Host.Email;

    /// <summary>Lifetime of access tokens issued from now on.</summary>
    public TimeSpan AccessTokenLifetime
    {
        get => _tokens.AccessTokenLifetime;
        set => _tokens.AccessTokenLifetime = value;
    }

    /// <summary>How long <c>POST /oauth/token</c> takes to answer from now on (real time, not the fake's clock).</summary>
    public TimeSpan TokenResponseDelay
    {
        get => _oauth.TokenResponseDelay;
        set => _oauth.TokenResponseDelay = value;
    }

    /// <summary>
    /// How long a successful <c>POST /oauth/token</c> answer is held back after the grant was processed (real time): a
    /// refresh has already rotated the refresh token, so a client killed meanwhile holds only a dead one.
    /// </summary>
    public TimeSpan TokenAnswerDelayAfterGrant
    {
        get => _oauth.AnswerDelayAfterGrant;
        set => _oauth.AnswerDelayAfterGrant = value;
    }

    /// <summary>Meeting creates plus updates allowed per user per UTC day from now on (requests refused by the limit do not count).</summary>
    public int DailyCreateUpdateLimit
    {
        get => _meetings.DailyCreateUpdateLimit;
        set => _meetings.DailyCreateUpdateLimit = value;
    }

    /// <summary>Every meeting, deleted ones included (flagged), in creation order; empty until started when seeded.</summary>
    public IReadOnlyList<FakeZoomMeeting> Meetings => _store.Snapshot();

    /// <summary>A meeting by id (deleted ones too), or null.</summary>
    public FakeZoomMeeting? FindMeeting(long id) => _store.Find(id);

    /// <summary>Meetings stored through <c>POST users/{id}/meetings</c> (seeds not counted; a create whose connection was dropped counts).</summary>
    public int MeetingsCreated => _store.CreatedCount;

    /// <summary>
    /// Requests to <c>POST /oauth/token</c> with this <c>grant_type</c> (<c>authorization_code</c>, <c>refresh_token</c>,
    /// <c>account_credentials</c>; any other is counted as <c>other</c>), whatever their outcome.
    /// </summary>
    public int TokenRequests(string grantType) => _ledger.GrantCount(grantType);

    /// <summary>Every request to <c>POST /oauth/token</c>, whatever its grant or outcome.</summary>
    public int TokenRequestCount => _ledger.Count(FakeZoomEndpoint.Token);

    /// <summary>Requests received by an endpoint, whatever their outcome.</summary>
    public int RequestCount(FakeZoomEndpoint endpoint) => _ledger.Count(endpoint);

    /// <summary>Every request received.</summary>
    public int TotalRequestCount => _ledger.Total();

    /// <summary>The last 1,000 requests, oldest first: method, path, endpoint, status (0 when dropped), time.</summary>
    public IReadOnlyList<FakeZoomRequest> Requests => _ledger.Requests();

    /// <summary>
    /// The next <paramref name="count"/> API calls (to <paramref name="endpoint"/> only, when given; never the OAuth
    /// endpoints) answer 429 with Zoom's per-second message and <c>X-RateLimit-Type: QPS</c>, with
    /// <c>Retry-After: {seconds}</c> when <paramref name="retryAfter"/> is given and without it otherwise. Checked after the
    /// bearer token.
    /// </summary>
    public void ThrottleNext(int count, TimeSpan? retryAfter = null, FakeZoomEndpoint? endpoint = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _ledger.Throttle(count, new ZoomThrottle(retryAfter, RetryAt: null), endpoint);
    }

    /// <summary>Like <see cref="ThrottleNext"/>, with <c>Retry-After</c> as an HTTP date (<paramref name="retryAt"/>).</summary>
    public void ThrottleNextUntil(int count, DateTimeOffset retryAt, FakeZoomEndpoint? endpoint = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _ledger.Throttle(count, new ZoomThrottle(RetryAfter: null, retryAt), endpoint);
    }

    /// <summary>The next <paramref name="count"/> creates are stored, then the connection is aborted with no answer.</summary>
    public void DropConnectionAfterNextCreates(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _ledger.FailAfterCreates(count, 0);
    }

    /// <summary>
    /// The next <paramref name="count"/> creates are stored, then answer <paramref name="statusCode"/> (e.g. 500, 502,
    /// 504) with <c>{"code":status,"message":…}</c> instead of the meeting: the "5xx after the body left" case.
    /// Armed in order with <see cref="DropConnectionAfterNextCreates"/>.
    /// </summary>
    public void FailNextCreatesAfterStoring(int statusCode, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _ledger.FailAfterCreates(count, statusCode);
    }

    /// <summary>
    /// How long a create waits, after the meeting is stored, before it answers (real time): a client with a shorter
    /// timeout sees a timeout whose create took effect.
    /// </summary>
    public TimeSpan CreateResponseDelay
    {
        get => _meetings.CreateResponseDelay;
        set => _meetings.CreateResponseDelay = value;
    }

    /// <summary>
    /// The next <paramref name="count"/> token requests answer <paramref name="statusCode"/> (e.g. 429, 500, 503) with
    /// <c>{"reason","error"}</c> before anything is processed: no code is spent and no refresh token rotates.
    /// </summary>
    public void FailNextTokenRequests(int statusCode, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _ledger.FailTokenRequests(count, statusCode);
    }

    /// <summary>
    /// The next <paramref name="count"/> successful token answers are lost: the tokens are issued (a refresh token has
    /// rotated; the old one is dead) but the connection is aborted with no answer.
    /// </summary>
    public void LoseNextTokenResponses(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _ledger.LoseTokenResponses(count);
    }

    /// <summary>A new user grant's first refresh token (live until used, then rotated away).</summary>
    public string MintRefreshToken() => _tokens.MintRefreshToken();

    /// <summary>A new user grant (refresh token and access token), as a connector's stored credentials.</summary>
    public FakeZoomGrant IssueTokens() => IssueTokens(_tokens.MintRefreshToken());

    /// <summary>An access token for a live refresh token, without rotating it (the refresh token stays live).</summary>
    public FakeZoomGrant IssueTokens(string refreshToken)
    {
        var (access, expiresAt) = _tokens.IssueAccessToken(refreshToken)
            ?? throw new InvalidOperationException("That refresh token is unknown to the fake, rotated away or revoked.");
        return new FakeZoomGrant(access, refreshToken, expiresAt, _options.UserScope);
    }

    /// <summary>Whether a refresh token still works (not used, so not rotated away, and not revoked).</summary>
    public bool IsLiveRefreshToken(string refreshToken) => _tokens.IsLive(refreshToken);

    /// <summary>Kills the grant a refresh or access token belongs to: its refresh token gets <c>invalid_grant</c>, its access tokens 401.</summary>
    public bool RevokeGrant(string token) => _tokens.Revoke(token);

    /// <summary>Every access token issued so far expires now (401 code 124 <c>Access token is expired.</c>).</summary>
    public void ExpireAccessTokens() => _tokens.ExpireAll();

    /// <summary>Starts Kestrel on 127.0.0.1 (a random port) and, unless disabled, seeds the meetings.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => StartAsync(0, cancellationToken);

    /// <summary>The same on this loopback port (0: a free one), e.g. so a restarted fake keeps its URLs.</summary>
    public async Task StartAsync(int port, CancellationToken cancellationToken = default)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The fake Zoom server is already started.");
        }

        _host = await LoopbackFakeHost.StartAsync(DispatchAsync, port, cancellationToken);
        _store.Root = _host.Root;
        if (_options.SeedMeetings)
        {
            SandboxZoomSeed.Apply(_store, _options.Time.GetUtcNow());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var route = path switch
        {
            "/oauth/authorize" => new ZoomApiRoute(FakeZoomEndpoint.Authorize),
            "/oauth/token" => new ZoomApiRoute(FakeZoomEndpoint.Token),
            "/oauth/revoke" => new ZoomApiRoute(FakeZoomEndpoint.Revoke),
            _ when path.StartsWith(ZoomApiRoute.Prefix, StringComparison.Ordinal) => ZoomApiRoute.Match(request.Method, path),
            _ => new ZoomApiRoute(FakeZoomEndpoint.Unknown),
        };
        _ledger.Record(route.Endpoint);
        try
        {
            await (route.Endpoint switch
            {
                FakeZoomEndpoint.Authorize => _oauth.AuthorizeAsync(context),
                FakeZoomEndpoint.Token => _oauth.TokenAsync(context),
                FakeZoomEndpoint.Revoke => _oauth.RevokeAsync(context),
                _ => _meetings.HandleAsync(context, route),
            });
        }
        finally
        {
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 0 : context.Response.StatusCode;
            _ledger.Log(new FakeZoomRequest(request.Method, path.Length <= 256 ? path : path[..256], route.Endpoint, status, _options.Time.GetUtcNow()));
        }
    }
}
