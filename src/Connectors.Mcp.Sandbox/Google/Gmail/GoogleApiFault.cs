namespace Connectors.Mcp.Sandbox.Google.Gmail;

/// <summary>An error the fake answers with Google's error body.</summary>
internal sealed class GoogleApiFault(int code, string? message = null, string? reason = null) : Exception(message ?? $"HTTP {code}")
{
    public int Code { get; } = code;

    public string? GoogleMessage { get; } = message;

    public string? Reason { get; } = reason;

    public static GoogleApiFault NotFound() => new(404);

    public static GoogleApiFault BadRequest(string message) => new(400, message, "invalidArgument");
}
