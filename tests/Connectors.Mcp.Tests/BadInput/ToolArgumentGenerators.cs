using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline.Validation;
using FsCheck;
using FsCheck.Fluent;

namespace Connectors.Mcp.Tests.BadInput;

/// <summary>
/// FsCheck generators of hostile tool calls: any JSON value as arguments, objects with the right keys holding wrong
/// types, unknown properties, unicode (including lone surrogates and NUL), strings just past a schema's maxLength and
/// past <see cref="ArgumentLimits.MaxStringLength"/>, nesting past <see cref="ArgumentLimits.MaxDepth"/>, arrays, objects and
/// documents around <see cref="ArgumentLimits.MaxArrayItems"/>, <see cref="ArgumentLimits.MaxObjectProperties"/> and
/// <see cref="ArgumentLimits.MaxValues"/>, and unknown or
/// huge tool names. Near-valid objects are generated often enough that valid calls are exercised too.
/// </summary>
public static class ToolArgumentGenerators
{
    public static readonly string[] Tools = ["rec_read", "rec_send", "list_connectors", "get_approval"];

    private static readonly string Huge = new('h', ArgumentLimits.MaxStringLength + 1);

    private static readonly string Large = new('l', 60_000);

    private static readonly string[] Keys = ["to", "body", "query", "approval_id", "extra", "", "TO", "to ", "__proto__", "é"];

    private static readonly string[] Strings =
    [
        "", "a", "bob@acme.example", "a,b@acme.example", "é漢字🙂", "\u0000", "\ud800", "\udfff x", "\u202e reversed", "<script>",
        "Robert'); DROP TABLE connector_actions;--", new string('x', 50), new string('x', 51), "🙂🙂🙂", "\r\nBcc: evil@x.example",
    ];

    /// <summary>The arbitrary FsCheck.Xunit uses for <see cref="ToolArguments"/> parameters.</summary>
    public static Arbitrary<ToolArguments> ToolArguments() => Arb.From(Call());

    private static Gen<ToolArguments> Call() =>
        from tool in Gen.Frequency(
            (8, Gen.Elements(Tools)),
            (1, Gen.Elements("nope", "", "rec_read ", "REC_READ", "rec_read\u0000", new string('t', 5000), "🙂_tool")),
            (1, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)))
        from json in Gen.Frequency(
            (3, Gen.Sized(size => Value(Math.Min(size, 12))).Select(v => v?.ToJsonString() ?? "null")),
            (6, NearValidObject().Select(o => o.ToJsonString())),
            (2, WellShaped().Select(o => o.ToJsonString())),
            (1, Gen.Choose(ArgumentLimits.MaxDepth - 2, 60).Select(Nested)),
            (1, Gen.Choose(ArgumentLimits.MaxArrayItems - 3, ArgumentLimits.MaxArrayItems * 3).Select(LongArray)),
            (1, Gen.Choose(ArgumentLimits.MaxObjectProperties - 3, ArgumentLimits.MaxObjectProperties * 3).Select(ManyProperties)),
            (1, Gen.Choose(ArgumentLimits.MaxValues / ArgumentLimits.MaxArrayItems - 1, ArgumentLimits.MaxValues / ArgumentLimits.MaxArrayItems + 2).Select(ManyArrays)))
        select new ToolArguments(tool, json);

    private static Gen<JsonObject> NearValidObject() =>
        from count in Gen.Choose(0, 3)
        from keys in Gen.Elements(Keys).ArrayOf(count)
        from values in Gen.Sized(size => Value(Math.Min(size, 6))).ArrayOf(count)
        from stringsFirst in Gen.Elements(true, true, false)
        from strings in Gen.Elements(Strings.Concat([Large, Huge]).ToArray()).ArrayOf(count)
        select Build(keys, stringsFirst ? strings.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray() : values);

    /// <summary>The shapes the recorder's actions accept, with strings that may still break a rule (a comma in <c>to</c>, length).</summary>
    private static Gen<JsonObject> WellShaped() =>
        from first in Gen.Elements(Strings.Concat([Large]).ToArray())
        from second in Gen.Elements(Strings)
        from send in Gen.Elements(true, false)
        select send
            ? new JsonObject { ["to"] = second, ["body"] = first }
            : new JsonObject { ["query"] = second };

    private static JsonObject Build(string[] keys, JsonNode?[] values)
    {
        var result = new JsonObject();
        for (var i = 0; i < keys.Length; i++)
        {
            result[keys[i]] = values[i];
        }

        return result;
    }

    private static Gen<JsonNode?> Value(int size)
    {
        var scalar = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            ArbMap.Default.GeneratorFor<int>().Select(i => (JsonNode?)JsonValue.Create(i)),
            ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
            Gen.Elements(Strings).Select(s => (JsonNode?)JsonValue.Create(s)),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => (JsonNode?)JsonValue.Create(s)));
        if (size <= 1)
        {
            return scalar;
        }

        var children = Gen.Sized(_ => Value(size / 2)).ArrayOf(Math.Min(size / 2, 4));
        return Gen.Frequency(
            (3, scalar),
            (1, children.Select(items => (JsonNode?)new JsonArray(items))),
            (1, from keys in Gen.Elements(Keys).Or(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)).ArrayOf(Math.Min(size / 2, 4))
                from items in children
                select (JsonNode?)Build(keys.Distinct().ToArray(), items.Take(keys.Distinct().Count()).ToArray())));
    }

    /// <summary><c>{"query":["q","q",…]}</c>: <paramref name="count"/> duplicate items.</summary>
    private static string LongArray(int count) => "{\"query\":[" + string.Join(",", Enumerable.Repeat("\"q\"", count)) + "]}";

    /// <summary><c>{"to":"…","body":"…","p0":0,…}</c>: a valid send plus <paramref name="extra"/> unknown properties.</summary>
    private static string ManyProperties(int extra) =>
        "{\"to\":\"bob@acme.example\",\"body\":\"b\"" + string.Concat(Enumerable.Range(0, extra).Select(i => $",\"p{i}\":{i}")) + "}";

    /// <summary><paramref name="count"/> arrays of <see cref="ArgumentLimits.MaxArrayItems"/> − 1 items each: each within its limit, all together maybe not.</summary>
    private static string ManyArrays(int count) =>
        "{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"a{i}\":[" + string.Join(",", Enumerable.Repeat("0", ArgumentLimits.MaxArrayItems - 1)) + "]")) + "}";

    /// <summary><c>{"query":[[[…]]]}</c> nested <paramref name="depth"/> levels in all.</summary>
    private static string Nested(int depth) => "{\"query\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";
}
