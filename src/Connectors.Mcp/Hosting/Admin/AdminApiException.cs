using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>An admin API refusal with its status, contract error code and a message that says what to do.</summary>
public sealed class AdminApiException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static AdminApiException Invalid(string message) => new(StatusCodes.Status400BadRequest, "invalid", message);

    public static AdminApiException Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, "unauthorized", message);

    public static AdminApiException NotFound(string message) => new(StatusCodes.Status404NotFound, "not_found", message);

    public static AdminApiException Conflict(string message) => new(StatusCodes.Status409Conflict, "conflict", message);
}
