namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>The one Zoom user the fake hosts meetings for (<c>me</c>, for user OAuth and Server-to-Server tokens alike).</summary>
internal sealed record ZoomHostUser(string Id, string Email, string Timezone)
{
    /// <summary>Whether a path's <c>{userId}</c> names this user: <c>me</c>, the user id or the email.</summary>
    public bool Matches(string userId) =>
        userId == "me" || userId == Id || string.Equals(userId, Email, StringComparison.OrdinalIgnoreCase);
}
