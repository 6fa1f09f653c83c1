using Microsoft.AspNetCore.Authorization;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>Why an authenticated admin request was refused (403): the contract's error code and what to do.</summary>
public sealed class AdminRefusal(IAuthorizationHandler handler, string code, string message) : AuthorizationFailureReason(handler, message)
{
    public string Code { get; } = code;
}
