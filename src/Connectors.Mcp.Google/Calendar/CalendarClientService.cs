using Google.Apis.Services;

namespace Connectors.Mcp.Google.Calendar;

/// <summary>
/// A minimal Calendar v3 client service (the typed Google.Apis.Calendar.v3 package is not available). Its base URI is
/// the connector's <c>api_base_url</c> setting, default <see cref="DefaultBaseUri"/>; request paths are
/// <c>calendar/v3/…</c>.
/// </summary>
internal sealed class CalendarClientService(BaseClientService.Initializer initializer) : BaseClientService(initializer)
{
    public const string DefaultBaseUri = "https://www.googleapis.com/";

    public override string Name => "calendar";

    public override string BaseUri => BaseUriOverride ?? DefaultBaseUri;

    public override string BasePath => string.Empty;

    public override IList<string> Features { get; } = [];
}
