using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Tests.Commands;

public sealed class CliErrorReporterTests
{
    [Fact]
    public void UnexpectedException_IsOneLineWithTypeAndMessage_Exit70()
    {
        var stderr = new StringWriter();
        Exception thrown;
        try
        {
            throw new InvalidOperationException("disk on fire\nsecond line");
        }
        catch (InvalidOperationException exception)
        {
            thrown = exception;
        }

        var code = CliErrorReporter.Report(thrown, stderr, CancellationToken.None);

        Assert.Equal(70, code);
        var text = stderr.ToString().TrimEnd();
        Assert.DoesNotContain('\n', text);
        Assert.StartsWith("error: unexpected System.InvalidOperationException: disk on fire second line", text);
        Assert.Contains("CONNECTORS_MCP_DEBUG=1", text);
        Assert.DoesNotContain(" at ", text);
    }

    [Theory]
    [InlineData(typeof(PlanLimitException), 1)]
    [InlineData(typeof(ConflictException), 1)]
    [InlineData(typeof(EntityNotFoundException), 1)]
    [InlineData(typeof(InvalidStateException), 1)]
    [InlineData(typeof(CommandRefusedException), 1)]
    [InlineData(typeof(UsageException), 2)]
    public void KnownRefusals_PrintTheirMessageAsItIs(Type type, int expectedCode)
    {
        var stderr = new StringWriter();

        var code = CliErrorReporter.Report((Exception)Activator.CreateInstance(type, "Free plan allows 3 connectors. Upgrade with …")!, stderr, CancellationToken.None);

        Assert.Equal(expectedCode, code);
        Assert.Equal("error: Free plan allows 3 connectors. Upgrade with …", stderr.ToString().TrimEnd());
    }

    [Fact]
    public void ArgumentException_DropsTheParameterSuffix_Exit2()
    {
        var stderr = new StringWriter();

        var code = CliErrorReporter.Report(new ArgumentException("Slug must match ^[a-z0-9][a-z0-9-]{1,62}$.", "slug"), stderr, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Equal("error: Slug must match ^[a-z0-9][a-z0-9-]{1,62}$.", stderr.ToString().TrimEnd());
    }

    [Fact]
    public void Cancellation_Exits130()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var code = CliErrorReporter.Report(new OperationCanceledException(cancelled.Token), new StringWriter(), cancelled.Token);

        Assert.Equal(130, code);
    }
}
