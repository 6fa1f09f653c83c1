namespace Connectors.Mcp.Sandbox.Google;

/// <summary>How a <see cref="FakeGoogleServer"/> behaves. The defaults are the sandbox's.</summary>
public sealed class FakeGoogleServerOptions
{
    /// <summary>The one OAuth client the token endpoint accepts.</summary>
    public string ClientId { get; init; } = FakeGoogleServer.SandboxClientId;

    public string ClientSecret { get; init; } = FakeGoogleServer.SandboxClientSecret;

    /// <summary>Lifetime of issued access tokens (<c>expires_in</c>); tests make it short.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The clock for token expiry and message dates; tests share a FakeTimeProvider with the connector.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Seed a few realistic messages and labels (see <see cref="FakeGoogleServer"/>).</summary>
    public bool SeedMailbox { get; init; } = true;

    /// <summary>
    /// Rotate refresh tokens, as some providers do: every refresh answers with a new <c>refresh_token</c> and the one it
    /// was given stops working (<c>invalid_grant</c>) at once.
    /// </summary>
    public bool RotateRefreshTokens { get; init; }

    /// <summary>How long <c>POST /token</c> takes to answer (a slow endpoint, so concurrent refreshes overlap in tests).</summary>
    public TimeSpan TokenResponseDelay { get; init; } = TimeSpan.Zero;

    /// <summary>The mailbox owner's address: the From of sent mail.</summary>
    public string UserAddress { get; init; } = FakeGoogleServer.SandboxUserAddress;
}
