namespace Connectors.Mcp.Sandbox.Google;

/// <summary>Names of the fake's endpoints, for request counts and fault injection (Google's method names).</summary>
public static class FakeGoogleEndpoints
{
    public const string Token = "token";
    public const string Authorize = "authorize";
    public const string Revoke = "revoke";
    public const string MessagesList = "messages.list";
    public const string MessagesGet = "messages.get";
    public const string MessagesSend = "messages.send";
    public const string MessagesModify = "messages.modify";
    public const string DraftsCreate = "drafts.create";
    public const string DraftsList = "drafts.list";
    public const string LabelsList = "labels.list";
    public const string LabelsGet = "labels.get";
}
