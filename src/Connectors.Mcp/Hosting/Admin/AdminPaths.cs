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
}
