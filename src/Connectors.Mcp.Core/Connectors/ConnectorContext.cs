using Connectors.Mcp.Core.Credentials;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>Everything a connector instance may use. Endpoints come only from <see cref="Settings"/>, never from arguments.</summary>
public sealed class ConnectorContext
{
    public required string WorkspaceId { get; init; }

    public required string ConnectorId { get; init; }

    /// <summary>The instance name (tool prefix), e.g. <c>gmail</c> or <c>work_mail</c>.</summary>
    public required string ConnectorName { get; init; }

    public required ConnectorSettings Settings { get; init; }

    /// <summary>Reads and stores this connector's tokens (encrypted at rest).</summary>
    public required IConnectorCredentials Credentials { get; init; }

    /// <summary>The OAuth client for the type's provider, when one is configured.</summary>
    public OAuthClientCredentials? OAuthClient { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Pooled handler for outbound HTTP; connectors must not create their own sockets.</summary>
    public required Func<HttpMessageHandler> HttpHandlerFactory { get; init; }

    /// <summary>
    /// For a write: the call's idempotency key — the agent's <c>idempotency_key</c>, or one derived from workspace, tool and
    /// arguments. The same key means the same call: a connector derives the provider-side identity of what it creates
    /// from it (Gmail's Message-ID, Calendar's event id), so the write can be found again (<see cref="IWriteOutcomeResolver"/>)
    /// and a repeat is recognised by the provider. <c>null</c> for reads.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}
