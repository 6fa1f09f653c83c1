namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>The fake Microsoft server's endpoints, as names for <see cref="FakeMicrosoftServer.RequestCount"/> and <see cref="FakeMicrosoftServer.InjectFault"/>.</summary>
public static class FakeMicrosoftEndpoints
{
    public const string Token = "token";
    public const string Authorize = "authorize";
    public const string MailFolders = "mailFolders";
    public const string Messages = "messages";
    public const string Message = "message";
    public const string CreateMessage = "createMessage";
    public const string UpdateMessage = "updateMessage";
    public const string SendMessage = "send";
    public const string CreateReply = "createReply";
    public const string MoveMessage = "move";
}
