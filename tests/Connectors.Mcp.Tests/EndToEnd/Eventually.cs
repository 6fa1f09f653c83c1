namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>Polls a condition until it holds, failing after <see cref="Bounded.Call"/>.</summary>
internal static class Eventually
{
    public static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bounded.Call;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
