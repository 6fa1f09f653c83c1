namespace Connectors.Mcp.Core.Credentials;

/// <summary>The wire and database spelling of <see cref="CredentialState"/> (snake_case).</summary>
public static class CredentialStateNames
{
    public static string ToName(this CredentialState state) => state switch
    {
        CredentialState.Active => "active",
        CredentialState.Refreshing => "refreshing",
        CredentialState.NeedsReauth => "needs_reauth",
        CredentialState.Revoked => "revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static CredentialState Parse(string name) => name switch
    {
        "active" => CredentialState.Active,
        "refreshing" => CredentialState.Refreshing,
        "needs_reauth" => CredentialState.NeedsReauth,
        "revoked" => CredentialState.Revoked,
        _ => throw new FormatException($"Unknown credential state '{name}'."),
    };
}
