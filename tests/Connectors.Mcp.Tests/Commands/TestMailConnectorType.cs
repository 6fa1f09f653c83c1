using System.Text.Json;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Tests.Commands;

/// <summary>
/// A connector type for CLI tests: two actions (one gated), the endpoint setting keys. The CLI only reads its
/// declaration; it never runs it.
/// </summary>
internal sealed class TestMailConnectorType : IConnectorType
{
    public const string TypeKey = "test_mail";

    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","additionalProperties":false}""").RootElement.Clone();

    public string Type => TypeKey;

    public string DisplayName => "Test Mail";

    public string Provider => "google";

    public string Description => "Mail for CLI tests.";

    public IReadOnlyList<string> Scopes { get; } = ["test.mail"];

    public IReadOnlyList<string> SettingKeys { get; } = [ConnectorSettings.ApiBaseUrl, ConnectorSettings.TokenUrl];

    public IReadOnlyList<ConnectorAction> Actions { get; } =
    [
        new()
        {
            Name = "search",
            Title = "Search",
            Description = "Search mail.",
            InputSchema = EmptyObjectSchema,
            OutputSchema = EmptyObjectSchema,
            Annotations = ActionAnnotations.Read,
            DefaultPolicy = ApprovalPolicy.Auto,
        },
        new()
        {
            Name = "send",
            Title = "Send",
            Description = "Send mail.",
            InputSchema = EmptyObjectSchema,
            OutputSchema = EmptyObjectSchema,
            Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false),
            DefaultPolicy = ApprovalPolicy.Approve,
        },
    ];

    public IConnector Create(ConnectorContext context) => throw new NotSupportedException("CLI tests never run a connector.");
}
