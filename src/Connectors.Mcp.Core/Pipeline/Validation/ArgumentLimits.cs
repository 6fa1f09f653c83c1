using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Connectors.Mcp.Core.Pipeline.Validation;

/// <summary>
/// Size limits on a tool call's arguments, checked before the schema so that whatever arrives within the HTTP body limit
/// (4 MiB, <c>ServeHost.MaxRequestBodyBytes</c>) the schema validator only ever sees a small document: the one place
/// these numbers live. System.Text.Json refuses JSON nested deeper than 64 while the request is read, before any of this
/// runs. The check reads lengths, never copies a value, and stops at the first limit exceeded: refusing a 700,000-item
/// array costs one length read, not 700,000 visits.
/// </summary>
/// <remarks>
/// Every input schema declares its own, smaller <c>maxItems</c> (the providers' limits, e.g. 100 label ids per Gmail
/// messages.modify); <c>PublishedToolChecksTests</c> keeps each within <see cref="MaxArrayItems"/> and
/// <see cref="MaxObjectProperties"/>, so this check never refuses what a schema accepts.
/// </remarks>
public static class ArgumentLimits
{
    /// <summary>Deepest nesting of objects and arrays inside <c>arguments</c> (the arguments object itself is depth 1).</summary>
    public const int MaxDepth = 16;

    /// <summary>Longest string value or property name, in UTF-16 code units (an email body fits; a 4 MiB request does not).</summary>
    public const int MaxStringLength = 1_000_000;

    /// <summary>Most items in any one array: ten times the largest <c>maxItems</c> a published schema declares (100).</summary>
    public const int MaxArrayItems = 1_000;

    /// <summary>Most properties in any one object (the arguments object included; input objects are closed and have a few).</summary>
    public const int MaxObjectProperties = 1_000;

    /// <summary>Most values in all (every property value and array item at any depth); a real call has well under a thousand.</summary>
    public const int MaxValues = 10_000;

    /// <summary>Longest property name quoted in a refusal; the rest is cut with <c>…</c>.</summary>
    private const int MaxQuotedName = 60;

    /// <summary>Longest field path in a refusal (so the whole line stays under 200 characters).</summary>
    private const int MaxQuotedPath = 120;

    /// <summary>The first limit <paramref name="arguments"/> exceeds, as one short line naming the field; <c>null</c> when within.</summary>
    public static string? Check(JsonElement arguments)
    {
        var values = 0;
        return Check(arguments, 1, ref values) is { } failure ? failure.ToString() : null;
    }

    private static Failure? Check(JsonElement element, int depth, ref int values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array when depth > MaxDepth:
                return new Failure($"nested deeper than {MaxDepth} levels");
            case JsonValueKind.Object:
                var count = 0;
                foreach (var property in element.EnumerateObject())
                {
                    if (++count > MaxObjectProperties)
                    {
                        return new Failure($"{Number(element.EnumerateObject().Count())} properties; an argument object holds at most {Number(MaxObjectProperties)}");
                    }
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (JsonMarshal.GetRawUtf8PropertyName(property).Length > MaxStringLength && property.Name.Length > MaxStringLength)
                    {
                        return new Failure($"a property name is longer than {MaxStringLength.ToString(CultureInfo.InvariantCulture)} characters");
                    }

                    if (++values > MaxValues)
                    {
                        return TooManyValues();
                    }

                    if (Check(property.Value, depth + 1, ref values) is { } failure)
                    {
                        return failure.Within(Quote(property.Name), isIndex: false);
                    }
                }

                return null;
            case JsonValueKind.Array:
                var length = element.GetArrayLength();
                if (length > MaxArrayItems)
                {
                    return new Failure($"{Number(length)} items; an argument array holds at most {Number(MaxArrayItems)}");
                }

                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (++values > MaxValues)
                    {
                        return TooManyValues();
                    }

                    if (Check(item, depth + 1, ref values) is { } failure)
                    {
                        return failure.Within(index.ToString(CultureInfo.InvariantCulture), isIndex: true);
                    }

                    index++;
                }

                return null;
            // The raw UTF-8 text is never shorter than the string it encodes, so only a long one is decoded to be sure.
            case JsonValueKind.String when JsonMarshal.GetRawUtf8Value(element).Length - 2 > MaxStringLength && element.GetString()!.Length > MaxStringLength:
                return new Failure($"longer than {MaxStringLength.ToString(CultureInfo.InvariantCulture)} characters");
            default:
                return null;
        }
    }

    /// <summary>Counted over the whole document, so it is reported for the whole document.</summary>
    private static Failure TooManyValues() => new($"more than {Number(MaxValues)} values in all") { Global = true };

    private static string Quote(string name) => name.Length <= MaxQuotedName ? name : name[..MaxQuotedName] + "…";

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>What was exceeded and where: the path is built on the way back up, only for the one refusal.</summary>
    private sealed class Failure(string what)
    {
        private readonly List<(string Segment, bool IsIndex)> _path = [];

        public bool Global { get; init; }

        public Failure Within(string segment, bool isIndex)
        {
            if (!Global && _path.Count < MaxDepth)
            {
                _path.Add((segment, isIndex));
            }

            return this;
        }

        public override string ToString()
        {
            if (_path.Count == 0)
            {
                return $"arguments: {what}";
            }

            var path = new StringBuilder();
            for (var i = _path.Count - 1; i >= 0 && path.Length <= MaxQuotedPath; i--)
            {
                var (segment, isIndex) = _path[i];
                _ = isIndex ? path.Append('[').Append(segment).Append(']') : path.Append(path.Length == 0 ? "" : ".").Append(segment);
            }

            return $"{(path.Length <= MaxQuotedPath ? path.ToString() : path.ToString(0, MaxQuotedPath) + "…")}: {what}";
        }
    }
}
