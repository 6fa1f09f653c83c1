using Connectors.Mcp.Connectors.Idempotency;
using Connectors.Mcp.Google.Calendar.Models;
using Google.Apis.Services;

namespace Connectors.Mcp.Google.Calendar.Requests;

/// <summary><c>POST calendar/v3/freeBusy</c>: busy periods per calendar. A read sent as POST, so it is not retried either.</summary>
internal sealed class FreeBusyQueryRequest(IClientService service, FreeBusyQuery body) : CalendarRequest<FreeBusyResponse>(service), IReadOnlyRequest
{
    public override string MethodName => "query";

    public override string RestPath => ApiPath + "freeBusy";

    public override string HttpMethod => "POST";

    protected override object GetBody() => body;
}
