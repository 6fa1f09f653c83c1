using Google.Apis.Services;
using Google.Apis.Util;
using Connectors.Mcp.Google.Gmail.Models;

namespace Connectors.Mcp.Google.Gmail.Requests;

/// <summary><c>GET gmail/v1/users/me/messages/{id}</c> with <c>format</c> <c>full</c> or <c>metadata</c>.</summary>
internal sealed class MessagesGetRequest(IClientService service, string id) : GmailRequest<GmailMessage>(service)
{
    [RequestParameter("id", RequestParameterType.Path)]
    public string Id { get; } = id;

    /// <summary><c>full</c>, <c>metadata</c>, <c>minimal</c> or <c>raw</c>.</summary>
    [RequestParameter("format", RequestParameterType.Query)]
    public string? Format { get; set; }

    /// <summary>With <c>format=metadata</c>: only these headers.</summary>
    [RequestParameter("metadataHeaders", RequestParameterType.Query)]
    public Repeatable<string>? MetadataHeaders { get; set; }

    public override string MethodName => "get";

    public override string RestPath => UserPath + "messages/{id}";

    public override string HttpMethod => "GET";

    protected override void InitParameters()
    {
        base.InitParameters();
        Declare("id", "path", required: true);
        Declare("format", "query");
        Declare("metadataHeaders", "query");
    }
}
