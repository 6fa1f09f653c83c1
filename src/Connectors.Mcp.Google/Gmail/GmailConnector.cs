using Connectors.Mcp.Core.Connectors;
using Google.Apis.Services;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Google.Gmail;

/// <summary>
/// One workspace's Gmail connector: runs each action's handler against <see cref="GmailApi"/>. Arguments were parsed
/// completely before (no token read, no request when they are wrong).
/// </summary>
internal sealed class GmailConnector : GoogleConnectorBase<GmailApi>
{
    public GmailConnector(ConnectorContext context, GmailConnectorType type)
        : base(context, type, GmailClientService.DefaultBaseUri, context.LoggerFactory.CreateLogger<GmailConnector>())
    {
    }

    protected override GmailApi CreateApi(BaseClientService.Initializer initializer) =>
        new(new GmailClientService(initializer), Executor);
}
