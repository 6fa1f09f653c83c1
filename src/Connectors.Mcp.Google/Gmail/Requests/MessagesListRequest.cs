using Google.Apis.Services;
using Google.Apis.Util;
using Connectors.Mcp.Google.Gmail.Models;

namespace Connectors.Mcp.Google.Gmail.Requests;

/// <summary><c>GET gmail/v1/users/me/messages</c>: message ids matching a query.</summary>
internal sealed class MessagesListRequest(IClientService service) : GmailRequest<GmailMessageList>(service)
{
    [RequestParameter("q", RequestParameterType.Query)]
    public string? Q { get; set; }

    [RequestParameter("maxResults", RequestParameterType.Query)]
    public long? MaxResults { get; set; }

    [RequestParameter("pageToken", RequestParameterType.Query)]
    public string? PageToken { get; set; }

    [RequestParameter("labelIds", RequestParameterType.Query)]
    public Repeatable<string>? LabelIds { get; set; }

    public override string MethodName => "list";

    public override string RestPath => UserPath + "messages";

    public override string HttpMethod => "GET";

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("q", "query");
        Declare("maxResults", "query");
        Declare("pageToken", "query");
        Declare("labelIds", "query");
    }
}
