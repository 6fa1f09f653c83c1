namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// How a <see cref="FakeZoomServer"/> behaves. The defaults are the sandbox's; every credential defaults to a fresh
/// random value per instance, so no two fakes (and no test and the real Zoom) share one.
/// </summary>
public sealed class FakeZoomServerOptions
{
    /// <summary>The clock for token expiry, the seeds, upcoming/previous and the daily limit's day (UTC).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The General (user-managed) app's client id: the one client <c>authorization_code</c> and <c>refresh_token</c> accept.</summary>
    public string ClientId { get; init; } = ZoomRandom.ClientId();

    /// <summary>The General app's client secret.</summary>
    public string ClientSecret { get; init; } = ZoomRandom.Secret();

    /// <summary>The Server-to-Server app's account id (the <c>account_id</c> of the <c>account_credentials</c> grant).</summary>
    public string S2SAccountId { get; init; } = ZoomRandom.ClientId();

    /// <summary>The Server-to-Server app's client id (the only client the <c>account_credentials</c> grant accepts).</summary>
    public string S2SClientId { get; init; } = ZoomRandom.ClientId();

    /// <summary>The Server-to-Server app's client secret.</summary>
    public string S2SClientSecret { get; init; } = ZoomRandom.Secret();

    /// <summary>Lifetime of issued access tokens (<c>expires_in</c>, Zoom's is 3599 s); tests make it short.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromSeconds(3599);

    /// <summary>How long <c>POST /oauth/token</c> takes to answer (real time), so concurrent refreshes overlap in tests.</summary>
    public TimeSpan TokenResponseDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Seed a few meetings, some past and some upcoming relative to <see cref="Time"/>.</summary>
    public bool SeedMeetings { get; init; } = true;

    /// <summary>
    /// Meeting creates plus updates allowed per user per UTC day (Zoom's is 100); the next one answers 429 with the
    /// daily-limit message. The count resets at 00:00 UTC by <see cref="Time"/>.
    /// </summary>
    public int DailyCreateUpdateLimit { get; init; } = 100;

    /// <summary>The daily limit's 429 carries <c>X-RateLimit-Type: Daily-limit</c> (by default it does not).</summary>
    public bool DailyLimitSendsRateLimitType { get; init; }

    /// <summary>The daily limit's 429 carries <c>Retry-After</c> in this form (by default none).</summary>
    public FakeZoomRetryAfterFormat DailyLimitRetryAfter { get; init; } = FakeZoomRetryAfterFormat.None;

    /// <summary>The host's email (<c>host_email</c>; <c>users/{email}/meetings</c> addresses the host too).</summary>
    public string UserEmail { get; init; } = "demo.user@sandbox.test";

    /// <summary>The host's own time zone: where a <c>start_time</c> without <c>Z</c> and without <c>timezone</c> is read.</summary>
    public string UserTimezone { get; init; } = "America/Los_Angeles";

    /// <summary>The <c>scope</c> of user OAuth token responses.</summary>
    public string UserScope { get; init; } = "meeting:read:meeting meeting:write:meeting meeting:update:meeting meeting:delete:meeting meeting:read:list_meetings meeting:write:registrant user:read:user";

    /// <summary>The <c>scope</c> of Server-to-Server token responses.</summary>
    public string S2SScope { get; init; } = "meeting:read:meeting:admin meeting:write:meeting:admin meeting:update:meeting:admin meeting:delete:meeting:admin meeting:read:list_meetings:admin meeting:write:registrant:admin";
}
