using System.Collections.Concurrent;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Sends <c>notifications/tools/list_changed</c> to live sessions when their workspace's catalog version moves —
/// also when the change came from another process (the CLI) or instance, which is why it reads the versions from the
/// database: every second, and at once when the database signals a change (<see cref="IStorageChangeSignal"/>).
/// </summary>
public sealed partial class ToolListChangeNotifier(IWorkspaceStore workspaces, IStorageChangeSignal changes, ILogger<ToolListChangeNotifier> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<McpServer, Tracked> _sessions = new(ReferenceEqualityComparer.Instance);

    /// <summary>Remembers the version a session last saw (called whenever the session lists or calls tools).</summary>
    public void Track(McpServer server, string workspaceId, long version) =>
        _sessions.AddOrUpdate(server, _ => new Tracked(workspaceId, version), (_, existing) => existing with { Version = Math.Max(existing.Version, version) });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await changes.WaitAsync(StorageChanges.Workspaces, PollInterval, stoppingToken);
            try
            {
                await NotifyChangedAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(ex);
            }
        }
    }

    internal async Task NotifyChangedAsync(CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (server, tracked) in _sessions)
        {
            if (!versions.TryGetValue(tracked.WorkspaceId, out var version))
            {
                version = versions[tracked.WorkspaceId] = await workspaces.GetCatalogVersionAsync(tracked.WorkspaceId, cancellationToken);
            }

            if (version == tracked.Version)
            {
                continue;
            }

            _sessions[server] = tracked with { Version = version };
            try
            {
                await server.SendNotificationAsync(NotificationMethods.ToolListChangedNotification, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The session is gone (closed, disposed): stop tracking it.
                _sessions.TryRemove(server, out _);
            }
        }
    }

    private sealed record Tracked(string WorkspaceId, long Version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking catalog versions for tools/list_changed failed; will retry.")]
    private partial void LogPollFailed(Exception exception);
}
