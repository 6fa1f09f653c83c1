using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Pipeline.Validation;

namespace Connectors.Mcp.Core.Tests.Pipeline.Idempotency;

public sealed class IdempotencyKeysTests
{
    [Fact]
    public void Extract_TakesTheKeyOut_WithoutChangingTheCallersArguments()
    {
        var arguments = new JsonObject { ["to"] = "bob@example.com", ["idempotency_key"] = "k-1" };

        var (rest, key) = IdempotencyKeys.Extract(arguments);

        Assert.Equal("k-1", key);
        Assert.False(rest.ContainsKey("idempotency_key"));
        Assert.True(arguments.ContainsKey("idempotency_key"));
        Assert.Null(IdempotencyKeys.Extract(rest).Key);
    }

    [Fact]
    public void Derive_SameCallAnyKeyOrder_SameKey_AndDiffersByWorkspaceToolAndArguments()
    {
        var a = JsonNode.Parse("""{"to":["bob@example.com"],"subject":"Hi"}""")!.AsObject();
        var reordered = JsonNode.Parse("""{"subject":"Hi","to":["bob@example.com"]}""")!.AsObject();
        var other = JsonNode.Parse("""{"subject":"Hi!","to":["bob@example.com"]}""")!.AsObject();

        var key = IdempotencyKeys.Derive("ws_1", "gmail_send_email", a);

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, IdempotencyKeys.Derive("ws_1", "gmail_send_email", reordered));
        Assert.NotEqual(key, IdempotencyKeys.Derive("ws_2", "gmail_send_email", a));
        Assert.NotEqual(key, IdempotencyKeys.Derive("ws_1", "work_mail_send_email", a));
        Assert.NotEqual(key, IdempotencyKeys.Derive("ws_1", "gmail_send_email", other));
    }

    [Theory]
    [InlineData("order-42", true)]
    [InlineData("3f2a1c0e-9b7d-4c1a-8e2f-0a1b2c3d4e5f", true)]
    [InlineData("a.b_c:d-e", true)]
    [InlineData("", false)]
    [InlineData("-leading", false)]
    [InlineData("has space", false)]
    [InlineData("trailing\n", false)]
    [InlineData("ünïcode", false)]
    public void PublishedSchema_AcceptsOnlyBoundedSafeKeys(string key, bool valid)
    {
        var declared = JsonDocument.Parse("""{"type":"object","properties":{"to":{"type":"string"}},"additionalProperties":false}""").RootElement;
        var validator = new ArgumentValidator(ToolSchemas.WithIdempotencyKey(declared), "test:write");

        var problems = validator.Validate(JsonDocument.Parse(new JsonObject { ["to"] = "x", ["idempotency_key"] = key }.ToJsonString()).RootElement);

        Assert.Equal(valid, problems.Count == 0);
        Assert.All(problems, p => Assert.Contains("idempotency_key", p, StringComparison.Ordinal));
        Assert.NotEmpty(validator.Validate(JsonDocument.Parse(new JsonObject { ["to"] = "x", ["idempotency_key"] = new string('a', 129) }.ToJsonString()).RootElement));
    }

    [Fact]
    public async Task KeyedTurns_SecondCallerOfAKeyWaitsForTheFirst_OtherKeysDoNot()
    {
        var turns = new KeyedTurns();
        var first = await turns.AcquireAsync("ws\nk", CancellationToken.None);

        var second = turns.AcquireAsync("ws\nk", CancellationToken.None);
        var other = await turns.AcquireAsync("ws\nother", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        other.Dispose();
    }
}
