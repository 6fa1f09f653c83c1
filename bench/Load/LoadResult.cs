namespace Bench.Load;

/// <summary>What a measured window gave: calls/s, latency percentiles, the server's CPU per call and its RSS at the end.</summary>
public sealed record LoadResult(
    int Sessions,
    long Calls,
    long Failures,
    double CallsPerSecond,
    double P50Ms,
    double P99Ms,
    double CpuMicrosecondsPerCall,
    double CpuCores,
    double RssMiB,
    string? FirstFailure);
