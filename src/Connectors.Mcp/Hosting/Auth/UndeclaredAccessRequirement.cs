using Microsoft.AspNetCore.Authorization;

namespace Connectors.Mcp.Hosting.Auth;

/// <summary>
/// The fallback policy's only requirement, which nothing satisfies: an endpoint mapped without an access rule (neither
/// <c>RequireAuthorization</c> nor <c>AllowAnonymous</c>) is refused instead of being open.
/// </summary>
public sealed class UndeclaredAccessRequirement : IAuthorizationRequirement;
