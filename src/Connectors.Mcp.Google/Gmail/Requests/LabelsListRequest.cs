using Google.Apis.Services;
using Connectors.Mcp.Google.Gmail.Models;

namespace Connectors.Mcp.Google.Gmail.Requests;

/// <summary><c>GET gmail/v1/users/me/labels</c>: ids, names and types (no counts).</summary>
internal sealed class LabelsListRequest(IClientService service) : GmailRequest<GmailLabelList>(service)
{
    public override string MethodName => "list";

    public override string RestPath => UserPath + "labels";

    public override string HttpMethod => "GET";
}
