using Connectors.Mcp.Core.OAuth;

namespace Connectors.Mcp.Core.Tests.OAuth;

public sealed class ProviderTextTests
{
    [Fact]
    public void Clean_EchoedSecretsControlCharactersAndLength_AreRemoved()
    {
        var text = "Bad code 4/abc-secret-code for client-secret-x\r\nSet-Cookie: y " + new string('z', 300);

        var clean = ProviderText.Clean(text, "4/abc-secret-code", "client-secret-x", null, "")!;

        Assert.DoesNotContain("4/abc-secret-code", clean);
        Assert.DoesNotContain("client-secret-x", clean);
        Assert.DoesNotContain('\n', clean);
        Assert.DoesNotContain('\r', clean);
        Assert.True(clean.Length <= ProviderText.MaxLength + 1, clean);
        Assert.StartsWith("Bad code *** for ***", clean);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Clean_Nothing_IsNull(string? text) => Assert.Null(ProviderText.Clean(text));
}
