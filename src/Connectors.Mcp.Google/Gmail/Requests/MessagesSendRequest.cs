using Google.Apis.Services;
using Connectors.Mcp.Google.Gmail.Models;

namespace Connectors.Mcp.Google.Gmail.Requests;

/// <summary><c>POST gmail/v1/users/me/messages/send</c> with <c>{raw, threadId}</c>. Never retried: it delivers mail.</summary>
internal sealed class MessagesSendRequest(IClientService service, GmailMessage body) : GmailRequest<GmailMessage>(service)
{
    public override string MethodName => "send";

    public override string RestPath => UserPath + "messages/send";

    public override string HttpMethod => "POST";

    protected override object GetBody() => body;
}
