using Google.Apis.Discovery;
using Google.Apis.Requests;
using Google.Apis.Services;

namespace Connectors.Mcp.Google.Gmail.Requests;

/// <summary>Base of the hand-written Gmail requests: declares parameters the way generated Google.Apis requests do.</summary>
internal abstract class GmailRequest<TResponse> : ClientServiceRequest<TResponse>
{
    protected const string UserPath = "gmail/v1/users/me/";

    protected GmailRequest(IClientService service)
        : base(service)
    {
        InitParameters();
    }

    protected void Declare(string name, string parameterType, bool required = false) =>
        RequestParameters.Add(name, new Parameter { Name = name, ParameterType = parameterType, IsRequired = required });
}
