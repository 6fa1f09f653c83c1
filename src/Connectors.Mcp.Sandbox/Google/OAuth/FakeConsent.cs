namespace Connectors.Mcp.Sandbox.Google.OAuth;

/// <summary>What the simulated person does on the fake's consent screen (set by tests through <see cref="FakeGoogleServer"/>).</summary>
internal sealed class FakeConsent
{
    private volatile bool _deny;
    private volatile IReadOnlyCollection<string> _withheldScopes = [];

    /// <summary>Clicks "Cancel": the authorization endpoint redirects back with <c>error=access_denied</c>.</summary>
    public bool Deny
    {
        get => _deny;
        set => _deny = value;
    }

    /// <summary>Leaves these scopes unticked (Google's granular consent): they are missing from the grant.</summary>
    public IReadOnlyCollection<string> WithheldScopes
    {
        get => _withheldScopes;
        set => _withheldScopes = value ?? [];
    }
}
