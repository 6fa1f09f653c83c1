using Connectors.Mcp.Core.Pipeline.Approval;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Connectors.Mcp.Hosting;

/// <summary>Asks the person at the client with <c>elicitation/create</c>; accept runs the action, decline or cancel denies it.</summary>
public sealed class ElicitationPrompt(McpServer server) : IApprovalPrompt
{
    /// <summary>
    /// A prompt when the client declared elicitation; otherwise null, and the gate queues the approval. Where the
    /// session cannot carry a server-to-client request (stateless HTTP), asking fails and the gate queues it too.
    /// </summary>
    public static IApprovalPrompt? For(McpServer server) =>
        server.ClientCapabilities?.Elicitation is not null ? new ElicitationPrompt(server) : null;

    /// <summary>What the person is asked, by elicitation or by an input request.</summary>
    public static string Question(string summary) =>
        $"Approve this action?\n\n{summary}\n\nAccept to run it once, exactly as shown. Decline to refuse.";

    public async Task<ApprovalPromptAnswer> AskAsync(string toolName, string summary, CancellationToken cancellationToken)
    {
        ElicitResult result;
        try
        {
            result = await server.ElicitAsync(new ElicitRequestParams
            {
                Message = Question(summary),
                RequestedSchema = new ElicitRequestParams.RequestSchema { Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>() },
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            return ApprovalPromptAnswer.Unavailable;
        }

        return result.Action switch
        {
            "accept" => ApprovalPromptAnswer.Accepted,
            "decline" => ApprovalPromptAnswer.Declined,
            _ => ApprovalPromptAnswer.Cancelled,
        };
    }
}
