using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>
/// <c>connectors.db</c> opens and its schema is this build's. It is opened read-only and never created or migrated:
/// a database from a newer build is reported (this build would refuse it), one from an older build is reported with the
/// command that migrates it. Only a current schema lets the checks after this one read the stores. With a PostgreSQL
/// database the same is asked of it (<see cref="PostgresDatabaseProbe"/>).
/// </summary>
internal sealed class DatabaseCheck : IDoctorCheck
{
    public string Name => "database";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (context.Home.PostgresConnection is { } postgres)
        {
            return [await PostgresDatabaseProbe.CheckAsync(Name, context, postgres, cancellationToken)];
        }

        return context.HomeReady ? [Check(context)] : [];
    }

    private DoctorFinding Check(DoctorContext context)
    {
        var path = context.Home.DatabasePath;
        if (!File.Exists(path))
        {
            return DoctorFinding.Fail(Name, $"{path} does not exist yet: there is no workspace. Start here:", HomeFolderCheck.FirstStep(context));
        }

        SqliteSchemaVersion version;
        try
        {
            version = SqliteSchemaVersion.Read(path);
        }
        catch (SqliteException ex)
        {
            return DoctorFinding.Fail(Name, $"{path} cannot be opened: {ex.Message}", $"restore {path} from backup");
        }

        if (version.IsNewerThanBuild)
        {
            return DoctorFinding.Fail(
                Name,
                $"{path} has schema version {version.Applied}, newer than this build knows ({version.Known}): a newer connectors-mcp migrated it, and this one will not touch it.",
                "run the newer connectors-mcp (update this installation to it)");
        }

        if (!version.IsCurrent)
        {
            return DoctorFinding.Fail(
                Name,
                $"{path} has schema version {version.Applied}; this build's is {version.Known}. Any command applies the missing migrations, e.g.",
                CliInstructions.WorkspaceList);
        }

        context.DatabaseReady = true;
        return DoctorFinding.Ok(Name, $"{path} opens; schema version {version.Applied} is current.");
    }
}
