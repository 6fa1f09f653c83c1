namespace Connectors.Mcp.Tests.Vocabulary;

/// <summary>A string literal of a C# source file: where it starts, its text between the quotes, and whether it is interpolated.</summary>
internal sealed record SourceLiteral(int Start, string Text, bool Interpolated);
