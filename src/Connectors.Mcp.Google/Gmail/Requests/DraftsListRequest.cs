using Connectors.Mcp.Google.Gmail.Models;
using Google.Apis.Services;
using Google.Apis.Util;

namespace Connectors.Mcp.Google.Gmail.Requests;

/// <summary><c>GET gmail/v1/users/me/drafts</c>: drafts matching a query (the Gmail search syntax).</summary>
internal sealed class DraftsListRequest(IClientService service) : GmailRequest<GmailDraftList>(service)
{
    [RequestParameter("q", RequestParameterType.Query)]
    public string? Q { get; set; }

    [RequestParameter("maxResults", RequestParameterType.Query)]
    public long? MaxResults { get; set; }

    public override string MethodName => "list";

    public override string RestPath => UserPath + "drafts";

    public override string HttpMethod => "GET";

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("q", "query");
        Declare("maxResults", "query");
    }
}
