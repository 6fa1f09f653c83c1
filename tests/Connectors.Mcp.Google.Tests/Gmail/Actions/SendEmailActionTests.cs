using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;
using MimeKit;

namespace Connectors.Mcp.Google.Tests.Gmail.Actions;

public sealed class SendEmailActionTests
{
    [Fact]
    public async Task SendEmail_DeliversOneMimeMessageWithEveryRecipientAndOurMessageId()
    {
        await using var harness = await GmailHarness.StartAsync();

        var result = await harness.RunAsync("send_email", new JsonObject
        {
            ["to"] = new JsonArray("alice@example.com", "bob@example.org"),
            ["cc"] = new JsonArray("carol@example.net"),
            ["bcc"] = new JsonArray("dave@example.com"),
            ["subject"] = "Lunch on Friday? 🍜",
            ["body"] = "Hi both,\n\nFancy ramen on Friday?\n\n— Sam",
        });

        SchemaAssert.MatchesOutputSchema(harness.Action("send_email"), result);
        var sent = Assert.Single(harness.Server.SentMessages);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        Assert.Equal(sent.Id, result["id"]!.GetValue<string>());
        Assert.Equal(sent.ThreadId, result["thread_id"]!.GetValue<string>());
        Assert.Null(sent.RequestedThreadId);

        var message = sent.Message;
        Assert.Equal(["alice@example.com", "bob@example.org"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["carol@example.net"], message.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal(["dave@example.com"], message.Bcc.Mailboxes.Select(m => m.Address));
        Assert.Equal("Lunch on Friday? 🍜", message.Subject);
        Assert.Equal("Hi both,\n\nFancy ramen on Friday?\n\n— Sam", message.TextBody!.ReplaceLineEndings("\n").TrimEnd());
        Assert.Null(message.HtmlBody);
        Assert.EndsWith("@connectors-mcp.local", message.MessageId);
        Assert.Equal($"<{message.MessageId}>", result["message_id_header"]!.GetValue<string>());
        Assert.Equal(harness.Time.GetUtcNow().ToUnixTimeSeconds(), message.Date.ToUnixTimeSeconds());
        Assert.Contains("\r\n", sent.Raw);
    }

    [Fact]
    public async Task SendEmail_HtmlBody_IsSentAsAlternativeToThePlainBody()
    {
        await using var harness = await GmailHarness.StartAsync();

        await harness.RunAsync("send_email", new JsonObject
        {
            ["to"] = new JsonArray("alice@example.com"),
            ["subject"] = "Report",
            ["body"] = "The report is ready.",
            ["html_body"] = "<p>The <b>report</b> is ready.</p>",
        });

        var message = Assert.Single(harness.Server.SentMessages).Message;
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(2, alternative.Count);
        Assert.Equal("The report is ready.", message.TextBody!.TrimEnd());
        Assert.Equal("<p>The <b>report</b> is ready.</p>", message.HtmlBody!.TrimEnd());
    }

    [Fact]
    public async Task SendEmail_ReplyToMessageId_ThreadsTheReplyWithInReplyToReferencesAndRe()
    {
        await using var harness = await GmailHarness.StartAsync();
        var original = harness.Seeded("Re: Q3 roadmap review — agenda");
        var agenda = harness.Seeded("Q3 roadmap review — agenda");

        var result = await harness.RunAsync("send_email", new JsonObject
        {
            ["to"] = new JsonArray("marco@northwind.example"),
            ["subject"] = "Q3 roadmap review — agenda",
            ["body"] = "Added the audit slot.",
            ["reply_to_message_id"] = original.Id,
        });

        var sent = Assert.Single(harness.Server.SentMessages);
        Assert.Equal(original.ThreadId, sent.RequestedThreadId);
        Assert.Equal(original.ThreadId, sent.ThreadId); // the fake applies Gmail's rule: headers and subject must match
        Assert.Equal(original.ThreadId, result["thread_id"]!.GetValue<string>());
        Assert.Equal(original.Message.MessageId, sent.Message.InReplyTo);
        Assert.Equal([agenda.Message.MessageId!, original.Message.MessageId!], sent.Message.References);
        Assert.Equal("Re: Q3 roadmap review — agenda", sent.Message.Subject);
        Assert.Contains($"In-Reply-To: <{original.Message.MessageId}>", sent.Raw);
    }

    [Fact]
    public async Task SendEmail_ReplySubjectAlreadyStartingWithRe_IsKept()
    {
        await using var harness = await GmailHarness.StartAsync();
        var original = harness.Seeded("Q3 roadmap review — agenda");

        await harness.RunAsync("send_email", new JsonObject
        {
            ["to"] = new JsonArray("priya@northwind.example"),
            ["subject"] = "RE: Q3 roadmap review — agenda",
            ["body"] = "Looks good.",
            ["reply_to_message_id"] = original.Id,
        });

        var sent = Assert.Single(harness.Server.SentMessages);
        Assert.Equal("RE: Q3 roadmap review — agenda", sent.Message.Subject);
        Assert.Equal(original.ThreadId, sent.ThreadId);
    }

    [Fact]
    public async Task SendEmail_ReplyToUnknownMessage_IsNotFoundAndSendsNothing()
    {
        await using var harness = await GmailHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync("send_email", new JsonObject
        {
            ["to"] = new JsonArray("a@example.com"),
            ["subject"] = "x",
            ["body"] = "y",
            ["reply_to_message_id"] = "00000000000000ff",
        }));

        Assert.StartsWith("reply_to_message_id:", error.Message);
        Assert.Equal(0, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
    }

    [Theory]
    [InlineData("=?utf-8?b?QmNjOiBldmlsQGV2aWwudGVzdA==?=")]
    [InlineData("Invoice =?iso-8859-1?q?caf=E9?= for the 🍜 ramen night — please pay by Friday, thanks! =?utf-8?q?x?=")]
    public async Task SendEmail_SubjectThatLooksLikeAnEncodedWord_IsSentLiterally(string subject)
    {
        await using var harness = await GmailHarness.StartAsync();

        await harness.RunAsync("send_email", new JsonObject
        {
            ["to"] = new JsonArray("alice@example.com"),
            ["subject"] = subject,
            ["body"] = "body",
        });

        var sent = Assert.Single(harness.Server.SentMessages);
        Assert.Equal(subject, sent.Message.Subject);
        Assert.DoesNotContain($"Subject: {subject}\r\n", sent.Raw);
        var headerLines = sent.Raw[..sent.Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        var subjectStart = Array.FindIndex(headerLines, l => l.StartsWith("Subject:", StringComparison.Ordinal));
        var subjectLines = headerLines.Skip(subjectStart).TakeWhile((l, i) => i == 0 || l.StartsWith(' ')).ToList();
        Assert.All(subjectLines, l => Assert.True(l.Length <= 78, $"folded subject line too long: {l}"));
        Assert.DoesNotContain(sent.Message.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SendEmail_503_IsNotRetried_SoTheMailIsNotSentTwice()
    {
        await using var harness = await GmailHarness.StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.Unavailable());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("send_email", new JsonObject
        {
            ["to"] = new JsonArray("alice@example.com"),
            ["subject"] = "Once",
            ["body"] = "Only once.",
        }));

        Assert.Equal(503, error.StatusCode);
        Assert.Contains("503", error.Message);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        Assert.Empty(harness.Server.SentMessages);
    }

    [Fact]
    public async Task SendEmail_429WithRetryAfter_IsRateLimitedWithThatDelayAndNotRetried()
    {
        await using var harness = await GmailHarness.StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.RateLimited(TimeSpan.FromSeconds(42)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("send_email", new JsonObject
        {
            ["to"] = new JsonArray("alice@example.com"),
            ["subject"] = "x",
            ["body"] = "y",
        }));

        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
        Assert.Contains("42 seconds", error.Message);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        Assert.Empty(harness.Server.SentMessages);
    }
}
