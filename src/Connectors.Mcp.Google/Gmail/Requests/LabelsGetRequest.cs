using Google.Apis.Services;
using Google.Apis.Util;
using Connectors.Mcp.Google.Gmail.Models;

namespace Connectors.Mcp.Google.Gmail.Requests;

/// <summary><c>GET gmail/v1/users/me/labels/{id}</c>: one label with its message counts.</summary>
internal sealed class LabelsGetRequest(IClientService service, string id) : GmailRequest<GmailLabel>(service)
{
    [RequestParameter("id", RequestParameterType.Path)]
    public string Id { get; } = id;

    public override string MethodName => "get";

    public override string RestPath => UserPath + "labels/{id}";

    public override string HttpMethod => "GET";

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("id", "path", required: true);
    }
}
