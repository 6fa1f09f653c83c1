using Connectors.Mcp.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Hosting;

/// <summary>At most four large bodies are handled at once; the fifth waits for a slot, then is refused when none frees up.</summary>
public sealed class LargeRequestGateTests
{
    [Theory]
    [InlineData(0L, false)]
    [InlineData(LargeRequestGate.LargeBodyBytes, false)]
    [InlineData(LargeRequestGate.LargeBodyBytes + 1, true)]
    [InlineData(null, true)]
    public void IsLarge_AboveTheThresholdOrUnknownLength(long? contentLength, bool expected) =>
        Assert.Equal(expected, LargeRequestGate.IsLarge(contentLength));

    [Fact]
    public async Task FifthLargeRequest_WaitsUntilASlotIsReturned()
    {
        var gate = new LargeRequestGate(new FakeTimeProvider());
        var held = new List<IDisposable>();
        for (var i = 0; i < LargeRequestGate.MaxConcurrent; i++)
        {
            held.Add((await gate.EnterAsync(CancellationToken.None))!);
        }

        var fifth = gate.EnterAsync(CancellationToken.None);
        Assert.False(fifth.IsCompleted);

        held[0].Dispose();
        held[0].Dispose(); // returning a slot twice gives back one slot
        using var entered = await fifth.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(entered);
        Assert.Equal(0, gate.Available);
        foreach (var slot in held.Skip(1))
        {
            slot.Dispose();
        }

        entered!.Dispose();
        Assert.Equal(LargeRequestGate.MaxConcurrent, gate.Available);
    }

    [Fact]
    public async Task NoSlotWithinTheWait_IsRefused_AndTakesNoSlot()
    {
        var time = new FakeTimeProvider();
        var gate = new LargeRequestGate(time);
        for (var i = 0; i < LargeRequestGate.MaxConcurrent; i++)
        {
            _ = await gate.EnterAsync(CancellationToken.None);
        }

        var fifth = gate.EnterAsync(CancellationToken.None);
        time.Advance(LargeRequestGate.MaxWait - TimeSpan.FromMilliseconds(1));
        Assert.False(fifth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(await fifth.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, gate.Available);
    }
}
