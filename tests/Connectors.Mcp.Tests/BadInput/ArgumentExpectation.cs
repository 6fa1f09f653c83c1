namespace Connectors.Mcp.Tests.BadInput;

/// <summary>The oracle's verdict on generated arguments (<see cref="ArgumentOracle"/>).</summary>
public enum ArgumentExpectation
{
    Valid,
    Invalid,

    /// <summary>Depends on how a schema counts characters of non-ASCII strings (maxLength): either answer is acceptable.</summary>
    Either,
}
