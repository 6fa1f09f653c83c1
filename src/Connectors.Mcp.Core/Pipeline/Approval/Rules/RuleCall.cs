using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary>
/// What a rule condition looks at: the call's arguments (without the idempotency key), the recipients the action
/// declares (<see cref="ConnectorAction.RecipientArguments"/>) and the workspace's own domains.
/// </summary>
public sealed record RuleCall(JsonObject Arguments, IReadOnlyList<string> Recipients, IReadOnlyList<string> WorkspaceDomains)
{
    /// <summary>
    /// The facts of one call. Recipients are the string items of the action's recipient arguments (a lone string counts
    /// as one); anything else there becomes an empty recipient, which has no domain and so is never inside one.
    /// </summary>
    public static RuleCall For(ConnectorAction action, JsonObject arguments, IReadOnlyList<string> workspaceDomains)
    {
        var recipients = new List<string>();
        foreach (var name in action.RecipientArguments)
        {
            switch (arguments[name])
            {
                case null:
                    break;
                case JsonArray items:
                    recipients.AddRange(items.Select(Address));
                    break;
                case var single:
                    recipients.Add(Address(single));
                    break;
            }
        }

        return new RuleCall(arguments, recipients, workspaceDomains);
    }

    private static string Address(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;
}
