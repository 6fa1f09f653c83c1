using Connectors.Mcp.Composition;
using Connectors.Mcp.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>
/// The master key (it encrypts stored tokens and client secrets): from <c>$CONNECTORS_MCP_MASTER_KEY</c> when set, else
/// <c>HOME/master.key</c>, which must decode to 32 bytes and be readable by its owner only (0600). A missing file is
/// never created here: it is created the first time a secret is stored.
/// </summary>
internal sealed class MasterKeyCheck : IDoctorCheck
{
    private const UnixFileMode OthersAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Name => "master-key";

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.HomeReady)
        {
            return Task.FromResult<IReadOnlyList<DoctorFinding>>([]);
        }

        return Task.FromResult<IReadOnlyList<DoctorFinding>>([Check(context)]);
    }

    private DoctorFinding Check(DoctorContext context)
    {
        var home = context.Home;
        var variable = "$" + AppHome.MasterKeyVariable;
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(AppHome.MasterKeyVariable)))
        {
            return Load(context, $"the master key comes from {variable} and is valid.", $"set {variable} to the key this home was used with (the base64 of 32 random bytes)");
        }

        var path = home.MasterKeyPath;
        if (!File.Exists(path) && home.PostgresConnection is not null)
        {
            return DoctorFinding.Fail(Name, $"no master key: with a PostgreSQL database every instance must use the same one, and none is set ({path} is missing and {variable} is not set).", $"set {variable} to the key the other instances use (or a new one: `openssl rand -base64 32`), the same on every instance");
        }

        if (!File.Exists(path))
        {
            var stored = StoredSecrets(home.DatabasePath);
            return stored > 0
                ? DoctorFinding.Fail(Name, $"{path} is missing, yet the database holds {stored} encrypted token(s) or client secret(s) that cannot be decrypted without it.", $"restore {path} from backup (mode 0600), or set {variable}")
                : DoctorFinding.Ok(Name, $"{path} does not exist yet; it is created when the first token or client secret is stored.");
        }

        var loaded = Load(context, $"{path} is valid and readable by its owner only.", $"restore {path} from backup (mode 0600), or set {variable}");
        if (loaded.Status == DoctorStatus.Ok && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersAccess) != 0)
        {
            return DoctorFinding.Fail(Name, $"{path} can be read by group or others (mode {DoctorFiles.Mode(path)}); anyone who reads it can decrypt the stored tokens.", $"chmod 600 {path}");
        }

        return loaded;
    }

    /// <summary>Encrypted values in the database, read-only; 0 without a database (or one this cannot read: the database check says so).</summary>
    private static long StoredSecrets(string databasePath)
    {
        try
        {
            return File.Exists(databasePath) ? SqliteStoredSecrets.Count(databasePath) : 0;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private DoctorFinding Load(DoctorContext context, string okMessage, string fix)
    {
        try
        {
            // Only called when the key is in the variable or the file exists, so this never creates the file. The
            // messages it throws name the variable or the file and the expected length, never the key.
            context.Home.LoadMasterKey();
            context.MasterKeyReady = true;
            return DoctorFinding.Ok(Name, okMessage);
        }
        catch (InvalidOperationException ex)
        {
            return DoctorFinding.Fail(Name, ex.Message, fix);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return DoctorFinding.Fail(Name, $"{context.Home.MasterKeyPath} cannot be read by this user ({ex.GetType().Name}).", $"chown $(whoami) {context.Home.MasterKeyPath} && chmod 600 {context.Home.MasterKeyPath}");
        }
    }
}
