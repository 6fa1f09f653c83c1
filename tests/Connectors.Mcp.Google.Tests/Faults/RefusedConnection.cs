namespace Connectors.Mcp.Google.Tests.Faults;

/// <summary>One connection that could not be opened (refused by default) for the first request whose path ends with <see cref="PathSuffix"/>; counts it.</summary>
internal sealed class RefusedConnection(string pathSuffix, Func<Exception>? failure = null)
{
    public Func<Exception> Failure { get; } = failure ?? RefuseFirstConnectHandler.ConnectionRefused;

    private int _refused;

    public string PathSuffix { get; } = pathSuffix;

    public int Refused => Volatile.Read(ref _refused);

    public bool TryRefuse(Uri uri) =>
        uri.AbsolutePath.EndsWith(PathSuffix, StringComparison.Ordinal) && Interlocked.CompareExchange(ref _refused, 1, 0) == 0;
}
