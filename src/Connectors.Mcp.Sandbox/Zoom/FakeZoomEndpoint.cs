namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// The endpoints of <see cref="FakeZoomServer"/>, as names for <see cref="FakeZoomServer.RequestCount"/>,
/// <see cref="FakeZoomServer.ThrottleNext"/> and the <see cref="FakeZoomServer.Requests"/> log.
/// </summary>
public enum FakeZoomEndpoint
{
    /// <summary>A path the fake does not serve (answered 404).</summary>
    Unknown,

    /// <summary><c>GET /oauth/authorize</c>.</summary>
    Authorize,

    /// <summary><c>POST /oauth/token</c> (every grant type).</summary>
    Token,

    /// <summary><c>POST /oauth/revoke</c>.</summary>
    Revoke,

    /// <summary><c>POST /v2/users/{userId}/meetings</c>.</summary>
    CreateMeeting,

    /// <summary><c>GET /v2/users/{userId}/meetings</c>.</summary>
    ListMeetings,

    /// <summary><c>GET /v2/meetings/{meetingId}</c>.</summary>
    GetMeeting,

    /// <summary><c>PATCH /v2/meetings/{meetingId}</c>.</summary>
    UpdateMeeting,

    /// <summary><c>DELETE /v2/meetings/{meetingId}</c>.</summary>
    DeleteMeeting,

    /// <summary><c>POST /v2/meetings/{meetingId}/registrants</c>.</summary>
    AddRegistrant,
}
