using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Core.Tests.Credentials;

public sealed class CredentialStateNamesTests
{
    [Theory]
    [InlineData(CredentialState.Active, "active")]
    [InlineData(CredentialState.Refreshing, "refreshing")]
    [InlineData(CredentialState.NeedsReauth, "needs_reauth")]
    [InlineData(CredentialState.Revoked, "revoked")]
    public void ToName_AndParse_RoundTripTheSnakeCaseNames(CredentialState state, string name)
    {
        Assert.Equal(name, state.ToName());
        Assert.Equal(state, CredentialStateNames.Parse(name));
    }

    [Fact]
    public void Parse_UnknownName_Throws() =>
        Assert.Throws<FormatException>(() => CredentialStateNames.Parse("Active"));
}
