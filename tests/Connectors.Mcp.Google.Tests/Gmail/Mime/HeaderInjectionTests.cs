using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;

namespace Connectors.Mcp.Google.Tests.Gmail.Mime;

/// <summary>
/// Header-injection attempts in every address field and the subject of both writing actions, against the real
/// connector and the fake: each is a validation error naming the field, and no request reaches the fake (not even a
/// token request).
/// </summary>
public sealed class HeaderInjectionTests(HeaderInjectionTests.Fixture fixture) : IClassFixture<HeaderInjectionTests.Fixture>
{
    public static TheoryData<string, string, string> AddressCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var action in new[] { "send_email", "create_draft" })
        {
            foreach (var field in new[] { "to", "cc", "bcc" })
            {
                foreach (var value in HeaderInjectionCases.Values)
                {
                    data.Add(action, field, value);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, string> SubjectCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in new[] { "send_email", "create_draft" })
        {
            data.Add(action, "Hello\r\nBcc: evil@evil.test");
            data.Add(action, "Hello\nBcc: evil@evil.test");
            data.Add(action, "Hello\rContent-Type: text/html");
            data.Add(action, "Hello\u0085world");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AddressCases))]
    public async Task BadRecipientItem_IsRejectedNamingFieldAndIndex_WithoutAnyRequest(string action, string field, string value)
    {
        var args = new JsonObject
        {
            ["to"] = new JsonArray("ok@example.com"),
            ["subject"] = "Hello",
            ["body"] = "Body",
        };
        args[field] = new JsonArray("ok@example.com", value);

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => fixture.Harness.RunAsync(action, args));

        Assert.Equal($"{field}[1]", error.Field);
        Assert.Equal(0, fixture.Harness.Server.TotalRequestCount);
        Assert.Empty(fixture.Harness.Server.SentMessages);
        Assert.Empty(fixture.Harness.Server.Drafts);
    }

    [Theory]
    [MemberData(nameof(SubjectCases))]
    public async Task SubjectWithLineBreak_IsRejected_WithoutAnyRequest(string action, string subject)
    {
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => fixture.Harness.RunAsync(action, new JsonObject
        {
            ["to"] = new JsonArray("ok@example.com"),
            ["subject"] = subject,
            ["body"] = "Body",
        }));

        Assert.Equal("subject", error.Field);
        Assert.Equal(0, fixture.Harness.Server.TotalRequestCount);
    }

    [Theory]
    [InlineData("send_email")]
    [InlineData("create_draft")]
    public async Task RecipientNotAString_OrMissingTo_IsRejected(string action)
    {
        var notString = await Assert.ThrowsAsync<ConnectorValidationException>(() => fixture.Harness.RunAsync(action, new JsonObject
        {
            ["to"] = new JsonArray("ok@example.com", new JsonObject { ["address"] = "x@y.z" }),
            ["subject"] = "s",
            ["body"] = "b",
        }));
        var missing = await Assert.ThrowsAsync<ConnectorValidationException>(() => fixture.Harness.RunAsync(action, new JsonObject
        {
            ["subject"] = "s",
            ["body"] = "b",
        }));

        Assert.Equal("to[1]", notString.Field);
        Assert.Equal("to", missing.Field);
        Assert.Equal(0, fixture.Harness.Server.TotalRequestCount);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        internal GmailHarness Harness { get; private set; } = null!;

        public async Task InitializeAsync() => Harness = await GmailHarness.StartAsync();

        public async Task DisposeAsync() => await Harness.DisposeAsync();
    }
}
