using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// One action a connector type supports, declared as data. The tool catalog publishes it as the MCP tool
/// <c>{connector name}_{Name}</c> with these schemas and annotations; the pipeline validates arguments against
/// <see cref="InputSchema"/> before the connector ever sees them.
/// </summary>
public sealed class ConnectorAction
{
    /// <summary>snake_case action name, e.g. <c>send_email</c>.</summary>
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    /// <summary>JSON Schema 2020-12 of the arguments; must be <c>"type": "object"</c> with <c>additionalProperties: false</c>.</summary>
    public required JsonElement InputSchema { get; init; }

    /// <summary>JSON Schema of the structured result on success.</summary>
    public required JsonElement OutputSchema { get; init; }

    public required ActionAnnotations Annotations { get; init; }

    /// <summary>The policy when the workspace has set none. Anything that sends, deletes or notifies people: Approve.</summary>
    public required ApprovalPolicy DefaultPolicy { get; init; }

    /// <summary>
    /// Top-level argument names whose values are content (message bodies, subjects, descriptions). The audit log stores
    /// their length and SHA-256 instead of the value.
    /// </summary>
    public IReadOnlyList<string> ContentArguments { get; init; } = [];

    /// <summary>
    /// Top-level argument names whose values are arrays of bare email addresses of people the call reaches (to, cc, bcc,
    /// attendees, guests added or removed). Approval rules over recipients read exactly these.
    /// </summary>
    public IReadOnlyList<string> RecipientArguments { get; init; } = [];

    /// <summary>
    /// A readable account of exactly what a call will do, for the person approving it (recipients, subject, the first
    /// lines of the body). Arguments have already been validated. Defaults to listing the arguments.
    /// </summary>
    public Func<JsonObject, string>? Describe { get; init; }

    /// <summary>
    /// How the action runs: its parse step (the checks the schema cannot express — exactly one bare address per recipient,
    /// no line break in a header … — throwing <see cref="Errors.ConnectorValidationException"/>) and its run step. Parsed
    /// once per call, in the validation stage, after the schema and before the approval gate, so a person is never asked
    /// to approve arguments the connector would refuse; the connector runs that parse's result.
    /// </summary>
    public required ActionHandler Handler { get; init; }

    public bool IsReadOnly => Annotations.ReadOnly;

    /// <summary>Parses schema-valid arguments with <see cref="Handler"/>: the request a connector runs.</summary>
    public ActionRequest Parse(JsonObject arguments) => new(this, arguments, Handler.ParseArguments(arguments));
}
