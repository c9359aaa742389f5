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
    /// <summary>The Hangfire dashboard at /hangfire.</summary>
    public DashboardSettings Dashboard { get; set; } = new();

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);

    public string ResolveDatabasePath() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(DatabasePath) ? Path.Combine(ResolveDataDirectory(), "ekuiper.db") : DatabasePath);

    public string ResolveTasksDatabasePath() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(TasksDatabasePath) ? Path.Combine(ResolveDataDirectory(), "tasks.db") : TasksDatabasePath);
}

/// <summary>The "Ekuiper:Dashboard" section.</summary>
public sealed class DashboardSettings
{
    /// <summary>False (default): only requests from this machine see the dashboard. True: anyone who can reach the port.</summary>
    public bool AllowRemote { get; set; }
}
