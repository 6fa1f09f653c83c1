using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Commands.Shared;

/// <summary>
/// The one place exceptions become stderr text and exit codes. Refusals and bad values print their message as it is;
/// anything else is a bug: one line with the type and message, the stack trace only with <c>CONNECTORS_MCP_DEBUG=1</c>.
/// </summary>
internal static partial class CliErrorReporter
{
    public static int Report(Exception exception, TextWriter stderr, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                stderr.WriteLine("Cancelled.");
                return ExitCodes.Cancelled;
            case CommandRefusedException or StoreException:
                stderr.WriteLine($"error: {exception.Message}");
                return ExitCodes.Refused;
            case UsageException:
                stderr.WriteLine($"error: {exception.Message}");
                return ExitCodes.Usage;
            case ArgumentException argument:
                // The stores throw ArgumentException for values they reject (e.g. a malformed slug): a usage error.
                stderr.WriteLine($"error: {ParameterSuffix().Replace(argument.Message, "")}");
                return ExitCodes.Usage;
            default:
                if (IsDebug())
                {
                    stderr.WriteLine($"error: unexpected {exception}");
                }
                else
                {
                    var message = string.Join(' ', exception.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    stderr.WriteLine($"error: unexpected {exception.GetType().FullName}: {message} (set {CliNames.DebugVariable}=1 for the stack trace)");
                }

                return ExitCodes.Internal;
        }
    }

    private static bool IsDebug() => Environment.GetEnvironmentVariable(CliNames.DebugVariable) is "1" or "true";

    /// <summary>ArgumentException appends " (Parameter 'x')" to its message; people do not need it.</summary>
    [GeneratedRegex(@" \(Parameter '[^']*'\)$")]
    private static partial Regex ParameterSuffix();
}
