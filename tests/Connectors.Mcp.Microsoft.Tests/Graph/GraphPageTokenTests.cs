using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Graph;

namespace Connectors.Mcp.Microsoft.Tests.Graph;

public sealed class GraphPageTokenTests
{
    private static readonly Uri Base = new("https://graph.microsoft.com/v1.0");

    [Fact]
    public void RoundTrip_LinkUnderTheBase_IsAccepted()
    {
        var link = "https://graph.microsoft.com/v1.0/me/messages?$skip=10&$top=10";

        Assert.Equal(new Uri(link), GraphPageToken.Unwrap(GraphPageToken.Wrap(link)!, Base, "page_token"));
    }

    [Theory]
    [InlineData("https://attacker.example/v1.0/me/messages")]
    [InlineData("http://graph.microsoft.com/v1.0/me/messages")]
    [InlineData("https://graph.microsoft.com:8443/v1.0/me/messages")]
    [InlineData("https://graph.microsoft.com/beta/me/messages")]
    [InlineData("https://user@graph.microsoft.com/v1.0/me/messages")]
    [InlineData("https://graph.microsoft.com.attacker.example/v1.0/me/messages")]
    public void Unwrap_LinkOutsideTheBase_IsRefused(string link)
    {
        Assert.Throws<ConnectorValidationException>(() => GraphPageToken.Unwrap(GraphPageToken.Wrap(link)!, Base, "page_token"));
    }

    [Fact]
    public void Unwrap_Garbage_IsRefused() =>
        Assert.Throws<ConnectorValidationException>(() => GraphPageToken.Unwrap("%%%", Base, "page_token"));
}
