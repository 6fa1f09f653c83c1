using System.Text.Json.Nodes;
using Connectors.Mcp.Google.Calendar;
using Connectors.Mcp.Google.Gmail;

namespace Connectors.Mcp.Google.Tests.Arguments;

/// <summary>
/// <c>bob@exаmple.com</c> (Cyrillic <c>а</c>) reads as example.com: every summary the approver is shown — the
/// elicitation text, <c>get_approval</c>, <c>approvals list</c>, the console's folded summary — gives the recipient's
/// punycode form beside it and says plainly which domain it is not.
/// </summary>
public sealed class InternationalisedRecipientSummaryTests
{
    private const string Cyrillic = "bob@ex\u0430mple.com";
    private const string Warning = "⚠ ex\u0430mple.com is an internationalised domain (xn--exmple-4nf.com), mixing Latin and Cyrillic letters; it is not example.com.";

    [Theory]
    [InlineData("send_email")]
    [InlineData("create_draft")]
    public void GmailSummary_ShowsThePunycodeAddress_AndWarnsOnce(string action)
    {
        var text = new GmailConnectorType().Actions.Single(a => a.Name == action).Describe!(new JsonObject
        {
            ["to"] = new JsonArray(Cyrillic, "alice@example.com"),
            ["bcc"] = new JsonArray("carol@ex\u0430mple.com"),
            ["subject"] = "Invoice",
            ["body"] = "Please pay.",
        });

        Assert.Contains($"To: {Cyrillic} (bob@xn--exmple-4nf.com), alice@example.com", text);
        Assert.Contains("Bcc: carol@ex\u0430mple.com (carol@xn--exmple-4nf.com)", text);
        Assert.Single(text.Split('\n'), line => line == Warning);
    }

    [Fact]
    public void GmailSummary_PlainAsciiRecipients_HaveNoWarning()
    {
        var text = new GmailConnectorType().Actions.Single(a => a.Name == "send_email").Describe!(new JsonObject
        {
            ["to"] = new JsonArray("bob@example.com"), ["subject"] = "Hi", ["body"] = "Hello",
        });

        Assert.Contains("To: bob@example.com\n", text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("⚠", text);
        Assert.DoesNotContain("xn--", text);
    }

    [Fact]
    public void CalendarCreateSummary_ShowsThePunycodeGuest_AndWarns()
    {
        var text = new GoogleCalendarConnectorType().Actions.Single(a => a.Name == "create_event").Describe!(new JsonObject
        {
            ["title"] = "Contract review",
            ["start"] = "2026-03-16T10:00:00Z",
            ["end"] = "2026-03-16T11:00:00Z",
            ["attendees"] = new JsonArray(Cyrillic),
            ["send_updates"] = "all",
        });

        Assert.Contains($"Guests: {Cyrillic} (bob@xn--exmple-4nf.com)", text);
        Assert.Contains(Warning, text);
    }

    [Fact]
    public void CalendarUpdateSummary_WarnsAboutAnAddedGuest()
    {
        var text = new GoogleCalendarConnectorType().Actions.Single(a => a.Name == "update_event").Describe!(new JsonObject
        {
            ["event_id"] = "abc123",
            ["add_attendees"] = new JsonArray(Cyrillic),
        });

        Assert.Contains($"Guests added: {Cyrillic} (bob@xn--exmple-4nf.com)", text);
        Assert.Contains(Warning, text);
    }
}
