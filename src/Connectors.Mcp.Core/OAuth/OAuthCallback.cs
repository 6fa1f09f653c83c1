namespace Connectors.Mcp.Core.OAuth;

/// <summary>
/// The query of the provider's redirect back to us (RFC 6749 §4.1.2): <c>code</c> and <c>state</c> on success,
/// <c>error</c> (e.g. <c>access_denied</c>), <c>error_description</c> and <c>state</c> otherwise.
/// </summary>
public sealed record OAuthCallback(string? Code, string? State, string? Error, string? ErrorDescription)
{
    /// <summary>Reads the four parameters (first value of each; empty as absent).</summary>
    public static OAuthCallback FromQuery(Func<string, string?> get) => new(
        Blank(get("code")),
        Blank(get("state")),
        Blank(get("error")),
        Blank(get("error_description")));

    public override string ToString() =>
        $"OAuthCallback {{ Code = {(Code is null ? "none" : "***")}, State = {(State is null ? "none" : "***")}, Error = {Error} }}";

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
