using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>Which endpoint a request under <c>/v2/</c> is, with its path's user or meeting id.</summary>
internal sealed record ZoomApiRoute(FakeZoomEndpoint Endpoint, string? UserId = null, string? MeetingId = null)
{
    public const string Prefix = "/v2/";

    /// <summary>Routes by path and method; a known path with another method is <see cref="FakeZoomEndpoint.Unknown"/>.</summary>
    public static ZoomApiRoute Match(string method, string path)
    {
        var segments = path[Prefix.Length..].TrimEnd('/').Split('/');
        return segments switch
        {
            ["users", var user, "meetings"] when HttpMethods.IsPost(method) => new(FakeZoomEndpoint.CreateMeeting, UserId: user),
            ["users", var user, "meetings"] when HttpMethods.IsGet(method) => new(FakeZoomEndpoint.ListMeetings, UserId: user),
            ["meetings", var id] when HttpMethods.IsGet(method) => new(FakeZoomEndpoint.GetMeeting, MeetingId: id),
            ["meetings", var id] when HttpMethods.IsPatch(method) => new(FakeZoomEndpoint.UpdateMeeting, MeetingId: id),
            ["meetings", var id] when HttpMethods.IsDelete(method) => new(FakeZoomEndpoint.DeleteMeeting, MeetingId: id),
            ["meetings", var id, "registrants"] when HttpMethods.IsPost(method) => new(FakeZoomEndpoint.AddRegistrant, MeetingId: id),
            _ => new(FakeZoomEndpoint.Unknown),
        };
    }
}
