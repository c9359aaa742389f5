namespace Ekuiper.Infrastructure;

/// <summary>The "Ekuiper" configuration section. Everything the server writes lives under <see cref="DataDirectory"/>.</summary>
public sealed class EkuiperOptions
{
    public const string SectionName = "Ekuiper";

    /// <summary>Root of everything the server writes; relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The SQLite database file; defaults to ekuiper.db inside the data directory.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>The SQLite file of the background tasks' records; defaults to tasks.db inside the data directory.</summary>
    public string? TasksDatabasePath { get; set; }

    /// <summary>Largest file a file:// or http(s):// fetch may return.</summary>
    public long FetchMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long one fetch may take.</summary>
    public int FetchTimeoutSeconds { get; set; } = 60;

    /// <summary>Most bytes one plugin or service zip may unpack to (a guard against zip bombs).</summary>
    public long UnpackMaxBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// The folders a file:// URI may point into (the import body's file and artifact URIs alike), after resolving ".."
    /// and symbolic links. Unset: the data directory's import/ folder and the system temp directory (and /tmp on Unix).
    /// </summary>
    public string[]? FileRoots { get; set; }

    /// <summary>
    /// eKuiper's <c>allowExternalFileAccess</c>: when true, a file:// URI may read any local file. Off by default: only
    /// the <see cref="FileRoots"/> and the data directory's uploads/ folder (eKuiper's restricted mode) are readable.
    /// </summary>
    public bool AllowExternalFileAccess { get; set; }

    /// <summary>
    /// How often this node looks for changes of the store's artifacts that other servers on it made, to install their
    /// files here (<see cref="Artifacts.ArtifactSyncService"/>).
    /// </summary>
    public int ArtifactSyncIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Largest request body the server reads; larger ones are answered 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Where the store lives: <c>Ekuiper:Store:Provider</c> (Sqlite, the default, or PostgreSql).</summary>
    public StoreOptions Store { get; set; } = new();

    /// <summary>The automatic backups taken before full imports and restores.</summary>
    public BackupOptions Backups { get; set; } = new();

    /// <summary>The Hangfire dashboard at /hangfire.</summary>
    public DashboardSettings Dashboard { get; set; } = new();

    /// <summary>How background tasks are vouched for by the server running them.</summary>
    public TaskOptions Tasks { get; set; } = new();

    /// <summary>Where http(s):// fetches may go: <c>Ekuiper:Fetch</c> (<see cref="Artifacts.OutboundFetchGuard"/>).</summary>
    public FetchSettings Fetch { get; set; } = new();

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);

    public string ResolveDatabasePath() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(DatabasePath) ? Path.Combine(ResolveDataDirectory(), "ekuiper.db") : DatabasePath);

    /// <summary>The folder file:// imports are meant to come from by default.</summary>
    public string ResolveImportDirectory() => Path.Combine(ResolveDataDirectory(), "import");

    /// <summary>
    /// The configured <see cref="FileRoots"/>, or the defaults, as full paths; the data directory's uploads/ folder is
    /// always one, as eKuiper's restricted mode reads there.
    /// </summary>
    public IReadOnlyList<string> ResolveFileRoots() =>
        (FileRoots is { Length: > 0 } configured
            ? configured.Where(r => !string.IsNullOrWhiteSpace(r)).Select(Path.GetFullPath)
            : new[] { ResolveImportDirectory() }.Concat(SystemTempDirectories()))
        .Append(Path.Combine(ResolveDataDirectory(), "uploads"))
        .Distinct(StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The user's temp directory, and on Unix also /tmp: TMPDIR may point elsewhere, yet /tmp is where operators
    /// (and eKuiper's own examples) put files to import.
    /// </summary>
    private static IEnumerable<string> SystemTempDirectories()
    {
        var temp = Path.GetFullPath(Path.GetTempPath());
        yield return temp;
        const string sharedTemp = "/tmp/";
        if (!OperatingSystem.IsWindows() && Directory.Exists(sharedTemp) && !string.Equals(temp, sharedTemp, StringComparison.Ordinal))
        {
            yield return sharedTemp;
        }
    }

    public string ResolveTasksDatabasePath() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(TasksDatabasePath) ? Path.Combine(ResolveDataDirectory(), "tasks.db") : TasksDatabasePath);
}

/// <summary>The "Ekuiper:Store" section. PostgreSQL's connection string is <c>ConnectionStrings:Ekuiper</c>.</summary>
public sealed class StoreOptions
{
    public Persistence.StoreProvider Provider { get; set; } = Persistence.StoreProvider.Sqlite;
}

/// <summary>The "Ekuiper:Backups" section.</summary>
public sealed class BackupOptions
{
    /// <summary>How many backups are kept, newest first; 0 takes none.</summary>
    public int Keep { get; set; } = Application.Backups.BackupSettings.DefaultKeep;
}

/// <summary>The "Ekuiper:Tasks" section.</summary>
public sealed class TaskOptions
{
    /// <summary>
    /// How long one renewal of a running task's lease lasts. When its server stops, another marks the task an error
    /// at most this long plus two ticks later (PostgreSQL; docs/operations.md).
    /// </summary>
    public double LeaseSeconds { get; set; } = Application.AsyncTasks.TaskSettings.Default.Lease.TotalSeconds;

    /// <summary>How often leases are renewed, progress written and cancels picked up.</summary>
    public double TickSeconds { get; set; } = Application.AsyncTasks.TaskSettings.Default.Tick.TotalSeconds;
}

/// <summary>The "Ekuiper:Dashboard" section.</summary>
public sealed class DashboardSettings
{
    /// <summary>False (default): only requests from this machine see the dashboard. True: anyone who can reach the port.</summary>
    public bool AllowRemote { get; set; }
}

/// <summary>The "Ekuiper:Fetch" section.</summary>
public sealed class FetchSettings
{
    /// <summary>
    /// Null or empty (default): any host but link-local and cloud-metadata ones. Otherwise the only hosts http(s)://
    /// fetches may name, on every redirect too: a host name (case-insensitive), <c>*.example.com</c> for its
    /// subdomains, or an IP address.
    /// </summary>
    public string[]? AllowedHosts { get; set; }
}
