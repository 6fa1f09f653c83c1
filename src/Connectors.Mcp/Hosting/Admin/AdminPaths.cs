using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>Where the admin surface lives, and its cookie.</summary>
public static class AdminPaths
{
    public const string Root = "/admin";
    public const string Api = "/admin/api";
    public const string Login = "/admin/login";
    public const string Logout = "/admin/logout";
    public const string SessionCookie = "cmcp_admin";

    /// <summary>A browser session lasts this long after sign-in.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    /// <summary><c>/admin</c> and everything under it: workspace API keys never open these, admin tokens open only these.</summary>
    public static bool IsAdmin(PathString path) => path.StartsWithSegments(Root, StringComparison.Ordinal);

    /// <summary>Paths that need an admin token or session (the API and sign-out); the console's page, assets and sign-in do not.</summary>
    public static bool NeedsAdmin(PathString path) =>
        path.StartsWithSegments(Api, StringComparison.Ordinal) || path.Equals(Logout, StringComparison.Ordinal);
}
