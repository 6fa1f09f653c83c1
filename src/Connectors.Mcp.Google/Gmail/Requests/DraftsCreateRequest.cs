using Google.Apis.Services;
using Connectors.Mcp.Google.Gmail.Models;

namespace Connectors.Mcp.Google.Gmail.Requests;

/// <summary><c>POST gmail/v1/users/me/drafts</c> with <c>{message: {raw, threadId}}</c>.</summary>
internal sealed class DraftsCreateRequest(IClientService service, GmailDraft body) : GmailRequest<GmailDraft>(service)
{
    public override string MethodName => "create";

    public override string RestPath => UserPath + "drafts";

    public override string HttpMethod => "POST";

    protected override object GetBody() => body;
}
