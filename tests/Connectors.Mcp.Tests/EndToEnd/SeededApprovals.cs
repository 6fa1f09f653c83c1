using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Pending approvals written straight into a home's approval store (with its master key), for tests that need hundreds
/// waiting: queuing them through an agent would take as many tool calls (and the workspace's rate limit).
/// </summary>
public static class SeededApprovals
{
    /// <summary>
    /// <paramref name="count"/> pending <c>gmail_send_email</c> approvals in the workspace, on its first connector,
    /// each to <paramref name="recipient"/> with the subject <c>{subjectPrefix} {n}</c>; their ids, oldest first.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(string home, string workspaceSlug, int count, string subjectPrefix, string recipient = "someone@example.com")
    {
        await using var services = await AppServices.BuildAsync(AppHome.Resolve(home, sandbox: false), CancellationToken.None);
        var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync(workspaceSlug, CancellationToken.None)
            ?? throw new InvalidOperationException($"No workspace {workspaceSlug}.");
        var connector = (await services.GetRequiredService<IConnectorStore>().GetWorkspaceConnectorsAsync(workspace.Id, CancellationToken.None)).FirstOrDefault();
        var store = services.GetRequiredService<IApprovalStore>();
        var ids = new List<string>(count);
        for (var n = 1; n <= count; n++)
        {
            var subject = $"{subjectPrefix} {n}";
            var arguments = new System.Text.Json.Nodes.JsonObject
            {
                ["to"] = new System.Text.Json.Nodes.JsonArray(recipient),
                ["subject"] = subject,
                ["body"] = "Seeded.",
            }.ToJsonString();
            var approval = await store.CreateAsync(
                new NewApproval(workspace.Id, connector?.Id ?? "con_seeded", "gmail_send_email", "send_email", arguments,
                    Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(arguments))),
                    $"Send this email:\nTo: {recipient}\nSubject: {subject}", TimeSpan.FromHours(24)),
                CancellationToken.None);
            ids.Add(approval.Id);
        }

        return ids;
    }
}
