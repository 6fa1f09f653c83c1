using System.Collections.Concurrent;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Workspace <c>acme</c> served over stdio to a client that declares elicitation and answers each
/// <c>elicitation/create</c> with <see cref="Answer"/>, recording what it was asked.
/// </summary>
public sealed class ElicitingStdioFixture : StdioWorkspaceFixture
{
    /// <summary>What the person answers next: accept, decline or cancel.</summary>
    public string Answer { get; set; } = "decline";

    public ConcurrentQueue<ElicitRequestParams> Requests { get; } = new();

    protected override McpClientOptions CreateClientOptions() => ClientOptions.Eliciting((request, _) =>
    {
        if (request is not null)
        {
            Requests.Enqueue(request);
        }

        return ValueTask.FromResult(new ElicitResult { Action = Answer });
    }).Speaking(ClientOptions.SessionProtocol); // elicitation/create, as 2025-11-25 clients are asked (2026-07-28 ones: HttpMrtrApprovalTests)
}
