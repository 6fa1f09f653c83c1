using System.Security.Cryptography;

namespace Connectors.Mcp.Composition;

/// <summary>
/// Where the product keeps its state: <c>--home</c>, else <c>$CONNECTORS_MCP_HOME</c>, else <c>~/.connectors-mcp</c>;
/// with <c>--sandbox</c>, the <c>sandbox</c> folder inside it, so the sandbox never touches real workspaces.
/// Holds <c>connectors.db</c> and <c>master.key</c> (mode 0600) unless <c>$CONNECTORS_MCP_MASTER_KEY</c> is set.
/// With <see cref="PostgresConnection"/> the data lives in that PostgreSQL database instead of <c>connectors.db</c>; the
/// master key still comes from here or the variable, and every instance sharing the database must use the same one.
/// </summary>
public sealed class AppHome
{
    public const string HomeVariable = "CONNECTORS_MCP_HOME";
    public const string MasterKeyVariable = "CONNECTORS_MCP_MASTER_KEY";

    private AppHome(string directory, bool sandbox)
    {
        Directory = directory;
        IsSandbox = sandbox;
    }

    public string Directory { get; }

    public bool IsSandbox { get; }

    public string DatabasePath => Path.Combine(Directory, "connectors.db");

    public string MasterKeyPath => Path.Combine(Directory, "master.key");

    /// <summary>
    /// The PostgreSQL database chosen by <c>--database</c> / <c>$CONNECTORS_MCP_DATABASE_URL</c> (a postgres URL or an
    /// Npgsql connection string, password included: never print it); null for SQLite in this folder.
    /// </summary>
    public string? PostgresConnection { get; private init; }

    /// <summary>This home with its data in the PostgreSQL database <paramref name="connection"/> (null: SQLite here).</summary>
    public AppHome WithPostgres(string? connection) => new(Directory, IsSandbox) { PostgresConnection = connection };

    /// <summary>The same home as <see cref="Resolve"/>, without creating or changing anything (for <c>doctor</c>).</summary>
    public static AppHome Locate(string? homeOption, bool sandbox)
    {
        var root = Path.GetFullPath(RootFor(homeOption));
        return new AppHome(sandbox ? Path.Combine(root, "sandbox") : root, sandbox);
    }

    public static AppHome Resolve(string? homeOption, bool sandbox)
    {
        var root = Path.GetFullPath(RootFor(homeOption));
        var directory = sandbox ? Path.Combine(root, "sandbox") : root;
        var created = !System.IO.Directory.Exists(root);
        System.IO.Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only: the folder holds the database and the master key. A home folder we created is tightened too.
            const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            File.SetUnixFileMode(directory, OwnerOnly);
            if (created && directory != root)
            {
                File.SetUnixFileMode(root, OwnerOnly);
            }
        }

        return new AppHome(directory, sandbox);
    }

    // A blank option or variable (an unfilled client setting, HOME= in a unit file) means "not set", never "no folder".
    private static string RootFor(string? homeOption) => NonBlank(homeOption)
        ?? NonBlank(Environment.GetEnvironmentVariable(HomeVariable))
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".connectors-mcp");

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>
    /// The 32-byte master key: from <c>$CONNECTORS_MCP_MASTER_KEY</c> (base64) when set, else <c>master.key</c>,
    /// created with mode 0600 on first use. Created with CreateNew so two processes starting together agree on one key.
    /// </summary>
    public byte[] LoadMasterKey()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(MasterKeyVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(fromEnvironment.Trim());
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"${MasterKeyVariable} is not valid base64; it must be the base64 of 32 random bytes (e.g. `openssl rand -base64 32`).");
            }

            return key.Length == 32
                ? key
                : throw new InvalidOperationException($"${MasterKeyVariable} decodes to {key.Length} bytes; it must be exactly 32 (e.g. `openssl rand -base64 32`).");
        }

        if (!File.Exists(MasterKeyPath) && PostgresConnection is not null)
        {
            // Instances sharing a database must share the key: one made up here would not decrypt what the others stored.
            throw new InvalidOperationException(
                $"No master key: with a PostgreSQL database every instance must use the same one. Set ${MasterKeyVariable} to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`), the same value on every instance, or copy the existing {MasterKeyPath} from the instance that has it.");
        }

        if (!File.Exists(MasterKeyPath))
        {
            var key = RandomNumberGenerator.GetBytes(32);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(MasterKeyPath, options))
                using (var writer = new StreamWriter(stream))
                {
                    writer.Write(Convert.ToBase64String(key));
                    writer.Flush();
                    stream.Flush(flushToDisk: true);
                }

                return key;
            }
            catch (IOException) when (File.Exists(MasterKeyPath))
            {
                // Another process created it first: use theirs.
            }
        }

        var text = File.ReadAllText(MasterKeyPath).Trim();
        byte[] stored;
        try
        {
            stored = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{MasterKeyPath} is not valid base64. Restore it from backup: without it the stored tokens cannot be decrypted.");
        }

        return stored.Length == 32
            ? stored
            : throw new InvalidOperationException($"{MasterKeyPath} holds {stored.Length} bytes, not 32. Restore it from backup: without it the stored tokens cannot be decrypted.");
    }
}
