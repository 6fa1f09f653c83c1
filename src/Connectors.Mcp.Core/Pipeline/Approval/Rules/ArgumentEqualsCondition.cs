using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary>
/// <c>argument:NAME=VALUE</c>: the top-level argument <see cref="Name"/> is present and equals <see cref="Value"/>
/// exactly (a string by its text, case-sensitive; <c>true</c>/<c>false</c> and numbers by their JSON text). Arrays,
/// objects, null and an absent argument never match.
/// </summary>
public sealed record ArgumentEqualsCondition(string Name, string Value) : RuleCondition
{
    public const string Keyword = "argument";

    public override string Text => $"{Keyword}:{Name}={Value}";

    public override bool IsMetBy(RuleCall call) =>
        call.Arguments[Name] is JsonValue value && value.GetValueKind() switch
        {
            JsonValueKind.String => string.Equals(value.GetValue<string>(), Value, StringComparison.Ordinal),
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => string.Equals(value.ToJsonString(), Value, StringComparison.Ordinal),
            _ => false,
        };
}
