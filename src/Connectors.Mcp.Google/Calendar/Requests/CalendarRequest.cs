using Google.Apis.Discovery;
using Google.Apis.Requests;
using Google.Apis.Services;

namespace Connectors.Mcp.Google.Calendar.Requests;

/// <summary>
/// Base of the hand-written Calendar v3 requests (the typed Google.Apis.Calendar.v3 package is not available): declares
/// parameters the way generated Google.Apis requests do. Path parameters are escaped by Google.Apis' request builder.
/// </summary>
internal abstract class CalendarRequest<TResponse> : ClientServiceRequest<TResponse>
{
    protected const string ApiPath = "calendar/v3/";

    protected CalendarRequest(IClientService service)
        : base(service)
    {
        InitParameters();
    }

    protected void Declare(string name, string parameterType, bool required = false) =>
        RequestParameters.Add(name, new Parameter { Name = name, ParameterType = parameterType, IsRequired = required });
}
