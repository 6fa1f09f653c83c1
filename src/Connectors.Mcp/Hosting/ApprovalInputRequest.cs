using System.Text.Json;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// The approval question as an MCP input request (protocol 2026-07-28, "MRTR"): a call that needs the person's answer
/// is answered with an <see cref="InputRequiredResult"/> holding one elicitation (<see cref="Key"/>) and a request state
/// naming the approval; the client shows it, and retries the same call with the answer and that state. Nothing waits on
/// the server in between, so it works without a session and whichever instance the retry reaches. The state only names
/// the approval: what the answer may decide is checked against the stored approval (workspace, tool, exact arguments,
/// still pending, approvers <c>client</c>) by <see cref="ApprovalGate"/>.
/// </summary>
public static class ApprovalInputRequest
{
    /// <summary>The input request's key in <c>inputRequests</c> / <c>inputResponses</c>.</summary>
    public const string Key = "approval";

    /// <summary>The first revision with input requests.</summary>
    public const string MrtrProtocolVersion = "2026-07-28";

    private const string StatePrefix = "connectors-mcp/approval/v1:";
    private const int MaxStateLength = 200;

    /// <summary>What this request allows: asking (a 2026-07-28 client that declared elicitation on it), and its answer on a retry.</summary>
    public static ApprovalInput? For(MessageContext context, RequestParams parameters)
    {
        var canAsk = IsMrtrRequest(context) && context.Server.IsMrtrSupported
            && context.JsonRpcMessage.Context?.ClientCapabilities?.Elicitation is not null;
        var answer = ReadAnswer(parameters);
        return canAsk || answer is not null ? new ApprovalInput(canAsk, answer) : null;
    }

    /// <summary>The input-required result asking about <paramref name="approval"/>.</summary>
    public static InputRequiredException Ask(ApprovalRecord approval) => new(
        new Dictionary<string, InputRequest>
        {
            [Key] = InputRequest.ForElicitation(new ElicitRequestParams
            {
                Message = ElicitationPrompt.Question(approval.Summary),
                RequestedSchema = new ElicitRequestParams.RequestSchema { Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>() },
            }),
        },
        StatePrefix + approval.Id);

    /// <summary>Whether the request was made under 2026-07-28 or later (per request over stateless HTTP; else the session's).</summary>
    private static bool IsMrtrRequest(MessageContext context)
    {
        var version = context.JsonRpcMessage.Context?.ProtocolVersion ?? context.Server.NegotiatedProtocolVersion;
        return version is not null && string.CompareOrdinal(version, MrtrProtocolVersion) >= 0;
    }

    private static ApprovalInputAnswer? ReadAnswer(RequestParams parameters)
    {
        if (parameters.RequestState is not { Length: <= MaxStateLength } state || !state.StartsWith(StatePrefix, StringComparison.Ordinal)
            || parameters.InputResponses?.TryGetValue(Key, out var response) is not true || response is null)
        {
            return null;
        }

        ElicitResult? result;
        try
        {
            result = response.Deserialize(InputResponse.ElicitResultJsonTypeInfo);
        }
        catch (JsonException)
        {
            return null;
        }

        var answer = result?.Action switch
        {
            "accept" => ApprovalPromptAnswer.Accepted,
            "decline" => ApprovalPromptAnswer.Declined,
            "cancel" => ApprovalPromptAnswer.Cancelled,
            _ => (ApprovalPromptAnswer?)null,
        };
        return answer is { } known ? new ApprovalInputAnswer(state[StatePrefix.Length..], known) : null;
    }
}
