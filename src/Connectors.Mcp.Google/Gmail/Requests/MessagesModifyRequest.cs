using Google.Apis.Services;
using Google.Apis.Util;
using Connectors.Mcp.Google.Gmail.Models;

namespace Connectors.Mcp.Google.Gmail.Requests;

/// <summary><c>POST gmail/v1/users/me/messages/{id}/modify</c> with <c>{addLabelIds, removeLabelIds}</c>.</summary>
internal sealed class MessagesModifyRequest(IClientService service, string id, GmailModifyMessageBody body) : GmailRequest<GmailMessage>(service)
{
    [RequestParameter("id", RequestParameterType.Path)]
    public string Id { get; } = id;

    public override string MethodName => "modify";

    public override string RestPath => UserPath + "messages/{id}/modify";

    public override string HttpMethod => "POST";

    protected override object GetBody() => body;

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("id", "path", required: true);
    }
}
