using System.Text.Json.Nodes;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Tests.Commands;

public sealed class CliOutputTests
{
    private sealed record Row(string Name, string? Note, long Count);

    private static readonly OutputColumn<Row>[] Columns =
    [
        new("name", r => r.Name),
        new("note", r => r.Note),
        new("count", r => r.Count),
        new("secret_detail", r => "json only", InTable: false),
    ];

    [Fact]
    public void Table_AlignsColumnsUnderUpperCaseHeaders()
    {
        var output = new StringWriter();

        CliOutput.WriteRecords(output, [new Row("a", "first\nline", 1), new Row("longer-name", null, 22)], Columns, json: false);

        Assert.Equal(
            "NAME         NOTE        COUNT\n" +
            "a            first line  1\n" +
            "longer-name              22\n",
            output.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Table_CutsLongCells()
    {
        var output = new StringWriter();

        CliOutput.WriteRecords(output, [new Row("a", new string('x', 200), 1)], Columns, json: false);

        var row = output.ToString().Split('\n')[1];
        Assert.Contains(new string('x', 59) + "…", row);
        Assert.DoesNotContain(new string('x', 60), row);
    }

    [Fact]
    public void Table_KeepsArraysWhole()
    {
        var output = new StringWriter();
        var names = Enumerable.Range(0, 20).Select(i => $"action_{i}").ToArray();
        OutputColumn<string[]>[] columns = [new("actions", a => CliOutput.Array(a))];

        CliOutput.WriteRecords(output, [names], columns, json: false);

        Assert.Equal(string.Join(",", names), output.ToString().Split('\n')[1].TrimEnd('\r'));
    }

    [Fact]
    public void Json_IsOneObjectPerLineWithEveryColumnAndTypedValues()
    {
        var output = new StringWriter();

        CliOutput.WriteRecords(output, [new Row("a", "multi\nline \"quoted\" <b>", 1), new Row("b", null, 2)], Columns, json: true);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var first = JsonNode.Parse(lines[0])!.AsObject();
        Assert.Equal("multi\nline \"quoted\" <b>", (string)first["note"]!);
        Assert.Equal(1, (long)first["count"]!);
        Assert.Equal("json only", (string)first["secret_detail"]!);
        Assert.Contains("<b>", lines[0]);
        var second = JsonNode.Parse(lines[1])!.AsObject();
        Assert.True(second.ContainsKey("note"));
        Assert.Null(second["note"]);
    }

    [Fact]
    public void Time_IsRfc3339UtcWithMilliseconds()
    {
        var value = CliOutput.Time(new DateTimeOffset(2025, 6, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)));

        Assert.Equal("2025-06-01T12:00:00.123Z", (string)value!);
        Assert.Null(CliOutput.Time(null));
    }
}
