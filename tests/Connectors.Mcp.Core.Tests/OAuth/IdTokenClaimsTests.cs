using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Core.Tests.OAuth.Support;

namespace Connectors.Mcp.Core.Tests.OAuth;

public sealed class IdTokenClaimsTests
{
    [Fact]
    public void Email_FromAnIdToken_IsTheEmailClaim()
    {
        var token = TestOAuth.IdToken(new { iss = "https://accounts.google.com", sub = "1234", email = "demo.user@sandbox.test", email_verified = true });

        Assert.Equal("demo.user@sandbox.test", IdTokenClaims.Email(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.!!!.c")]
    [InlineData("a.bm90IGpzb24.c")]
    public void Email_Malformed_IsNull(string? token) => Assert.Null(IdTokenClaims.Email(token));

    [Fact]
    public void Email_NoEmailClaimOrNotAString_IsNull()
    {
        Assert.Null(IdTokenClaims.Email(TestOAuth.IdToken(new { sub = "1234" })));
        Assert.Null(IdTokenClaims.Email(TestOAuth.IdToken(new { email = 42 })));
        Assert.Null(IdTokenClaims.Email(TestOAuth.IdToken(new { email = "a@b.example\nInjected: header" })));
    }
}
