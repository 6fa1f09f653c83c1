namespace Connectors.Mcp.Google.Calendar.Parsing;

/// <summary>A wall-clock date-time as written, and its UTC offset when one was written.</summary>
internal readonly record struct LocalDateTime(DateTime Local, TimeSpan? Offset);
