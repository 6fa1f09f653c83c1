namespace Bench.Load;

/// <summary>One request's result: answered without error, its latency, and the start of the answer when it failed.</summary>
public sealed record CallOutcome(bool Ok, TimeSpan Latency, string? Failure);
