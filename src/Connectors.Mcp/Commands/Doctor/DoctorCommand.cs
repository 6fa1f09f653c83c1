using System.CommandLine;
using System.Security.Cryptography;
using Connectors.Mcp.Commands.Doctor.Checks;
using Connectors.Mcp.Commands.Serve;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Doctor;

/// <summary>
/// <c>doctor [--home DIR] [--sandbox] [--urls URL] [--json]</c>: runs the checks in order and says, one line each, what a
/// person must fix and the command that fixes it. Writes nothing: the home is located, not created; the database is
/// read as it is, never migrated; a missing master key is not created. Exit 0 when nothing fails (warnings allowed),
/// 1 otherwise.
/// </summary>
internal sealed class DoctorCommand : Command
{
    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per finding: name, status (ok|warn|fail), message, fix." };

    private readonly Option<string> _urls = new("--urls")
    {
        Description = "Where serve --http would listen (checked: port free, allowed hosts); several separated by ';'.",
        HelpName = "URL",
        DefaultValueFactory = _ => ServeCommand.DefaultUrls,
    };

    public DoctorCommand(CliContext context)
        : base("doctor", "Check the home, master key, database, audit chains, OAuth clients, connectors, admin token and port; say what to fix.")
    {
        Add(_json);
        Add(_urls);
        SetAction(async (parseResult, cancellationToken) =>
        {
            var homeOption = parseResult.GetValue(context.Global.Home);
            var sandbox = parseResult.GetValue(context.Global.Sandbox);
            var home = context.LocateHome(parseResult);
            await using var doctor = new DoctorContext(home, ParseUrls(parseResult.GetRequiredValue(_urls)), (h, keyReady) => context.BuildServicesAsIs(h, services =>
            {
                // Without a usable key, a throwaway one: nothing is created on disk, and a stored secret then fails to
                // decrypt, which is what the checks report.
                if (!keyReady)
                {
                    services.AddSingleton(new SecretProtector(RandomNumberGenerator.GetBytes(32)));
                }
            }));
            var findings = new List<DoctorFinding>();
            foreach (var check in Checks())
            {
                findings.AddRange((await check.RunAsync(doctor, cancellationToken)).Select(f => DoctorFixes.ForHome(f, homeOption, sandbox, parseResult.GetValue(context.Global.Database) is not null)));
            }

            DoctorReport.Write(context.Console.Out, findings, parseResult.GetValue(_json));
            return findings.Any(f => f.Status == DoctorStatus.Fail) ? ExitCodes.Refused : ExitCodes.Success;
        });
    }

    /// <summary>In this order: each later check relies on what the earlier ones found usable.</summary>
    private static IReadOnlyList<IDoctorCheck> Checks() =>
    [
        new HomeFolderCheck(),
        new MasterKeyCheck(),
        new DatabaseCheck(),
        new AuditChainCheck(),
        new OAuthClientCheck(),
        new ConnectorCredentialCheck(),
        new AdminTokenCheck(),
        new PortCheck(),
        new AllowedHostsCheck(),
    ];

    private static List<Uri> ParseUrls(string urls)
    {
        var parsed = new List<Uri>();
        foreach (var part in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException($"--urls takes http(s) URLs such as {ServeCommand.DefaultUrls}; got '{part}'.");
            }

            parsed.Add(uri);
        }

        return parsed.Count > 0 ? parsed : throw new UsageException($"--urls must not be empty; e.g. {ServeCommand.DefaultUrls}.");
    }
}
