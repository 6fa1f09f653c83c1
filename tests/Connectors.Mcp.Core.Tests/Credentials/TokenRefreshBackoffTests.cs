using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Core.Tests.Credentials;

public sealed class TokenRefreshBackoffTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(6, 160)]
    [InlineData(7, 300)] // 320 s, capped at 5 minutes
    [InlineData(1000, 300)]
    public void After_DoublesFromFiveSeconds_UpToFiveMinutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TokenRefreshBackoff.After(failures));

    [Fact]
    public void After_NoFailure_IsAnError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenRefreshBackoff.After(0));
}
