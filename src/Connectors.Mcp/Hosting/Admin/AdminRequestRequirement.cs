using Microsoft.AspNetCore.Authorization;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// An admin request needs an authenticated admin caller; when it rides on a browser session (cookie) and changes
/// something, also this server's own Origin and the session's CSRF token (<see cref="AdminRequestAuthorizationHandler"/>).
/// </summary>
public sealed class AdminRequestRequirement : IAuthorizationRequirement;
