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

    /// <summary>The mailbox owner's address: the From of sent mail.</summary>
    public string UserAddress { get; init; } = FakeGoogleServer.SandboxUserAddress;
}
