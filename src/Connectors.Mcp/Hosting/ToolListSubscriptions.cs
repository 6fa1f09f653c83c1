using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// <c>subscriptions/listen</c> (protocol 2026-07-28) over HTTP: a client without a session asks for
/// <c>notifications/tools/list_changed</c>, and the listen request's own response stream carries them for as long as it
/// stays open — on whichever instance it reached. The workspace is the request's (its key, as every request), its
/// catalog version is read from the database once a second and at once when the database signals a change
/// (<see cref="IStorageChangeSignal"/>), so a change made by any instance or the CLI is announced.
/// Only <c>toolsListChanged</c> is granted (the server has no prompts or resources). Every notification is tagged with
/// the listen request's id, as the revision asks, and the stream ends when the client goes away or the server stops.
/// </summary>
public sealed class ToolListSubscriptions(SessionWorkspace sessionWorkspace, IWorkspaceStore workspaces, IStorageChangeSignal changes, IHostApplicationLifetime lifetime)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async ValueTask<EmptyResult> ListenAsync(RequestContext<SubscriptionsListenRequestParams> request, CancellationToken cancellationToken)
    {
        var (workspaceId, _) = sessionWorkspace.Resolve(request);
        var tools = request.Params?.Notifications?.ToolsListChanged == true;
        var subscriptionId = JsonSerializer.SerializeToNode(request.JsonRpcRequest.Id, McpJsonUtilities.DefaultOptions);
        var granted = new SubscriptionsAcknowledgedNotificationParams { Notifications = new SubscriptionsListenNotifications { ToolsListChanged = tools ? true : null } };
        await SendAsync(request.Server, NotificationMethods.SubscriptionsAcknowledgedNotification, JsonSerializer.SerializeToNode(granted, McpJsonUtilities.DefaultOptions) as JsonObject, subscriptionId, cancellationToken);
        if (!tools)
        {
            return new EmptyResult();
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var seen = await workspaces.GetCatalogVersionAsync(workspaceId, stopping.Token);
        try
        {
            while (true)
            {
                await changes.WaitAsync(StorageChanges.Workspaces, PollInterval, stopping.Token);
                var version = await workspaces.GetCatalogVersionAsync(workspaceId, stopping.Token);
                if (version != seen)
                {
                    seen = version;
                    await SendAsync(request.Server, NotificationMethods.ToolListChangedNotification, null, subscriptionId, stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The client closed the stream, or the server is stopping: the subscription ends.
        }

        return new EmptyResult();
    }

    private static Task SendAsync(McpServer server, string method, JsonObject? parameters, JsonNode? subscriptionId, CancellationToken cancellationToken)
    {
        parameters ??= [];
        parameters["_meta"] = new JsonObject { [MetaKeys.SubscriptionId] = subscriptionId?.DeepClone() };
        // The request's own server sends over this request's response stream (its related transport).
        return server.SendMessageAsync(new JsonRpcNotification { Method = method, Params = parameters }, cancellationToken);
    }
}
