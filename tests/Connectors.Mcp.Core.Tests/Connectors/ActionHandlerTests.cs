using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Core.Tests.Connectors;

public sealed class ActionHandlerTests
{
    private sealed record Greeting(string Name);

    private sealed class Client
    {
        public string Greet(Greeting greeting) => $"hello {greeting.Name}";
    }

    [Fact]
    public async Task Parse_ThenRun_TheRunGetsTheVeryRequestTheParseReturned()
    {
        var parses = 0;
        Greeting? ran = null;
        var action = Declare(new ActionHandler<Client, Greeting>(
            arguments =>
            {
                parses++;
                return new Greeting(arguments["name"]!.GetValue<string>());
            },
            (client, greeting, _, _) =>
            {
                ran = greeting;
                return Task.FromResult(new JsonObject { ["text"] = client.Greet(greeting) });
            }));

        var request = action.Parse(new JsonObject { ["name"] = "ada" });
        var result = await ActionHandler<Client>.Of(action).RunAsync(new Client(), request, null!, CancellationToken.None);

        Assert.Equal("hello ada", result["text"]!.GetValue<string>());
        Assert.Same(request.Parsed, ran);
        Assert.Same(action, request.Action);
        Assert.Equal(1, parses);
    }

    [Fact]
    public void Parse_RefusesWithTheHandlersValidationError()
    {
        var action = Declare(new ActionHandler<Client, Greeting>(
            _ => throw new ConnectorValidationException("name", "must not be empty."),
            (_, _, _, _) => throw new InvalidOperationException("never runs")));

        var error = Assert.Throws<ConnectorValidationException>(() => action.Parse([]));

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public async Task FindOutcome_WithoutAFindStep_IsNull_WithOneItIsAsked()
    {
        var without = Declare(new ActionHandler<Client, Greeting>(_ => new Greeting("x"), (_, _, _, _) => Task.FromResult(new JsonObject())));
        var with = Declare(new ActionHandler<Client, Greeting>(
            _ => new Greeting("x"),
            (_, _, _, _) => Task.FromResult(new JsonObject()),
            (_, greeting, _, _) => Task.FromResult<WriteOutcome?>(WriteOutcome.Applied(new JsonObject { ["name"] = greeting.Name }))));

        var none = ActionHandler<Client>.Of(without);
        var some = ActionHandler<Client>.Of(with);

        Assert.False(none.FindsOutcome);
        Assert.Null(await none.FindOutcomeAsync(new Client(), without.Parse([]), null!, CancellationToken.None));
        Assert.True(some.FindsOutcome);
        Assert.True((await some.FindOutcomeAsync(new Client(), with.Parse([]), null!, CancellationToken.None))!.TookEffect);
    }

    [Fact]
    public void Of_AHandlerForAnotherClient_IsABug()
    {
        var action = Declare(new ActionHandler<Client, Greeting>(_ => new Greeting("x"), (_, _, _, _) => Task.FromResult(new JsonObject())));

        var error = Assert.Throws<InvalidOperationException>(() => ActionHandler<string>.Of(action));

        Assert.Contains("greet", error.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(Client), action.Handler.ClientType);
    }

    private static ConnectorAction Declare(ActionHandler handler) => new()
    {
        Name = "greet",
        Title = "Greet",
        Description = "Greets.",
        InputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone(),
        OutputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone(),
        Annotations = ActionAnnotations.Read,
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = handler,
    };
}
