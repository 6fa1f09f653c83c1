using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Tests.Support;

/// <summary>
/// A connector type for pipeline tests: it records every call it receives (what reached "the provider") and can be told
/// to fail. Provider connectors are tested against their fakes elsewhere; this one isolates the pipeline's behaviour.
/// </summary>
public sealed class RecordingConnectorType : IConnectorType
{
    public ConcurrentQueue<(string ConnectorId, string Action, JsonObject Arguments)> Calls { get; } = new();

    /// <summary>When set, the next calls throw this.</summary>
    public Func<Exception>? Failure { get; set; }

    public TimeSpan Delay { get; set; }

    /// <summary>When set, calls wait for it (or for their own cancellation) before acting; <see cref="Holding"/> says one is waiting.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completed when a call starts waiting on <see cref="Hold"/>.</summary>
    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Type => "recorder";

    public string DisplayName => "Recorder";

    public string Provider => "google";

    public string Description => "Test connector that records calls.";

    public IReadOnlyList<string> Scopes => [];

    public IReadOnlyList<string> SettingKeys => [ConnectorSettings.ApiBaseUrl];

    public IReadOnlyList<ConnectorAction> Actions { get; }

    /// <summary>How many times an action's handler parsed arguments (the pipeline should, once per call).</summary>
    public int Parses => _parses;

    /// <summary>The parsed requests the connector ran, in order: the very objects the handlers' parse returned.</summary>
    public ConcurrentQueue<object> RanRequests { get; } = new();

    private int _parses;

    public RecordingConnectorType()
    {
        Actions =
        [
            new()
            {
                Name = "read",
                Title = "Read",
                Description = "Reads a thing.",
                InputSchema = Parse("""{"type":"object","properties":{"query":{"type":"string","maxLength":50}},"additionalProperties":false}"""),
                OutputSchema = Parse("""{"type":"object","properties":{"echo":{"type":"string"}},"required":["echo"]}"""),
                Annotations = ActionAnnotations.Read,
                DefaultPolicy = ApprovalPolicy.Auto,
                Handler = new ActionHandler<Instance, JsonObject>(
                    Counted,
                    (instance, args, _, ct) => instance.RunAsync("read", args, () => new JsonObject { ["echo"] = args["query"]?.GetValue<string>() ?? "" }, ct)),
            },
            new()
            {
                Name = "send",
                Title = "Send",
                Description = "Sends a message to people.",
                InputSchema = Parse("""{"type":"object","properties":{"to":{"type":"string"},"body":{"type":"string"}},"required":["to","body"],"additionalProperties":false}"""),
                OutputSchema = Parse("""{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}"""),
                Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false),
                DefaultPolicy = ApprovalPolicy.Approve,
                ContentArguments = ["body"],
                Handler = new ActionHandler<Instance, JsonObject>(
                    args =>
                    {
                        Counted(args);
                        if (args["to"]!.GetValue<string>().Contains(',', StringComparison.Ordinal))
                        {
                            throw new ConnectorValidationException("to", "must be exactly one address.");
                        }

                        return args;
                    },
                    (instance, args, _, ct) => instance.RunAsync("send", args, () => new JsonObject { ["id"] = $"msg-{Calls.Count}" }, ct)),
                Describe = args => $"Send to {args["to"]}: {args["body"]}",
            },
        ];
    }

    public IConnector Create(ConnectorContext context) => new Instance(this, context);

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private JsonObject Counted(JsonObject arguments)
    {
        Interlocked.Increment(ref _parses);
        return arguments;
    }

    private sealed class Instance(RecordingConnectorType type, ConnectorContext context) : IConnector
    {
        public Task<JsonObject> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken) =>
            ActionHandler<Instance>.Of(request.Action).RunAsync(this, request, context, cancellationToken);

        public async Task<JsonObject> RunAsync(string action, JsonObject arguments, Func<JsonObject> result, CancellationToken cancellationToken)
        {
            if (type.Delay > TimeSpan.Zero)
            {
                await Task.Delay(type.Delay, cancellationToken);
            }

            if (type.Hold is { } hold)
            {
                type.Holding.TrySetResult();
                await hold.Task.WaitAsync(cancellationToken);
            }

            if (type.Failure is { } failure)
            {
                throw failure();
            }

            if (await context.Credentials.GetAsync(cancellationToken) is null)
            {
                throw new ReconnectRequiredException("no token stored");
            }

            type.RanRequests.Enqueue(arguments);
            type.Calls.Enqueue((context.ConnectorId, action, (JsonObject)arguments.DeepClone()));
            return result();
        }
    }
}
