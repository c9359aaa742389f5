using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Ekuiper.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster for tests and the benchmark: its own data folder under the temp folder, its own
/// loopback port and socket folder, trust authentication for the <c>postgres</c> superuser, durability off, and ICU
/// <c>en-US</c> as the default collation (so code that relies on byte order without <c>COLLATE "C"</c> shows). It never
/// touches a system service or the default port.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>How to get the binaries, for messages.</summary>
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin nor on PATH; install them with "
        + "`apt-get install -y postgresql` (Debian/Ubuntu; the package's own cluster service is not needed).";

    private const string PackageRoot = "/usr/lib/postgresql";
    private const string OsUser = "postgres";
    private const int StartAttempts = 3;
    private const int CreateAttempts = 6;

    private static readonly Lazy<Task<PostgresCluster>> Shared =
        new(() => Task.Run(StartSharedAsync), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<bool> RunningAsRoot = new(DetectRoot, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SemaphoreSlim _createLock = new(1, 1);
    private readonly string _binDirectory;
    private readonly string _root;
    private readonly bool _asOsUser;
    private bool _shared;
    private int _stopped;

    private PostgresCluster(string binDirectory, string root, bool asOsUser)
    {
        _binDirectory = binDirectory;
        _root = root;
        _asOsUser = asOsUser;
    }

    /// <summary>The loopback address the cluster listens on.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port the cluster listens on, picked free at start.</summary>
    public int Port { get; private set; }

    /// <summary>Whether initdb and pg_ctl were found (<see cref="FindBinDirectory"/>).</summary>
    public static bool IsInstalled => FindBinDirectory() is not null;

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "log");

    /// <summary>
    /// The folder holding initdb and pg_ctl: the highest version under /usr/lib/postgresql/*/bin, else the first PATH
    /// folder holding both; null when neither has them.
    /// </summary>
    public static string? FindBinDirectory()
    {
        if (Directory.Exists(PackageRoot))
        {
            var versioned = Directory.EnumerateDirectories(PackageRoot)
                .Select(folder => (Folder: Path.Combine(folder, "bin"), Version: ParseVersion(Path.GetFileName(folder))))
                .Where(candidate => candidate.Version is not null && HasBinaries(candidate.Folder))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Folder)
                .FirstOrDefault();
            if (versioned is not null)
            {
                return versioned;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(HasBinaries);
    }

    /// <summary>
    /// Stops an NUnit test when the binaries are missing: fails it when the environment variable CI is "true" (CI
    /// must not skip these tests silently), ignores it otherwise; both with <see cref="InstallHint"/>. Outside NUnit
    /// it throws <see cref="InvalidOperationException"/>. NUnit is reached by reflection so that programs without it
    /// (the benchmark) can compile this file too.
    /// </summary>
    public static void RequireInstalled()
    {
        if (IsInstalled)
        {
            return;
        }

        var onCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var exceptionType = Type.GetType(
            onCi ? "NUnit.Framework.AssertionException, nunit.framework" : "NUnit.Framework.IgnoreException, nunit.framework");
        var message = onCi ? "CI=true and " + InstallHint : InstallHint;
        if (exceptionType is not null && Activator.CreateInstance(exceptionType, message) is Exception exception)
        {
            throw exception;
        }

        throw new InvalidOperationException(message);
    }

    /// <summary>
    /// Creates and starts a new cluster (initdb, then pg_ctl start on a free loopback port). As root, the server
    /// programs run as the <c>postgres</c> OS user. On failure, throws with the server log (or initdb's output).
    /// </summary>
    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(InstallHint);
        var asOsUser = RunningAsRoot.Value;
        var root = Path.Combine(TempBase(asOsUser), "ekuiper-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var cluster = new PostgresCluster(binDirectory, root, asOsUser);
        try
        {
            if (asOsUser)
            {
                var chown = await RunAsync("chown", [OsUser, root], asOsUser: false, root, cancellationToken);
                if (chown.ExitCode != 0)
                {
                    throw new InvalidOperationException($"chown {OsUser} {root} failed (exit {chown.ExitCode}): {chown.Output}");
                }
            }

            var initdb = await cluster.RunToolAsync(
                "initdb",
                [
                    "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                    "--locale-provider=icu", "--icu-locale=en-US", "--locale=C.UTF-8", "--no-sync",
                ],
                cancellationToken);
            if (initdb.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed (exit {initdb.ExitCode}) in {root}:\n{initdb.Output}");
            }

            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var options = string.Join(
                    ' ',
                    "-c listen_addresses=127.0.0.1",
                    $"-p {port.ToString(CultureInfo.InvariantCulture)}",
                    $"-k '{root}'",
                    "-c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
                var start = await cluster.RunToolAsync(
                    "pg_ctl", ["-D", cluster.DataDirectory, "-l", cluster.LogFile, "-o", options, "-w", "start"], cancellationToken);
                if (start.ExitCode == 0)
                {
                    cluster.Port = port;
                    cluster.StartWatchdog();
                    return cluster;
                }

                var log = ReadLog(cluster.LogFile);
                var portTaken = log.Contains("could not bind", StringComparison.Ordinal)
                    || log.Contains("already in use", StringComparison.Ordinal);
                if (!portTaken || attempt == StartAttempts)
                {
                    throw new InvalidOperationException(
                        $"pg_ctl start failed (exit {start.ExitCode}) on port {port} in {root}:\n{start.Output}\n--- {cluster.LogFile} ---\n{log}");
                }
            }
        }
        catch
        {
            await cluster.StopAsync();
            throw;
        }
    }

    /// <summary>
    /// The one cluster of this process, started on first call (thread-safe) and stopped when the process exits. A
    /// failed start is remembered: every later call gets the same failure. Disposing it does nothing.
    /// </summary>
    public static Task<PostgresCluster> SharedAsync() => Shared.Value;

    /// <summary>The connection string of a database of this cluster, as the <c>postgres</c> superuser, pooled.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
            IncludeErrorDetail = true,
        }.ConnectionString;

    /// <summary>
    /// Creates a new empty database (from template0; default name <c>t_&lt;guid&gt;</c>, lower case) and returns its
    /// connection string. Safe to call concurrently: calls are serialised and retried while the template is busy.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken ct = default)
    {
        name ??= "t_" + Guid.NewGuid().ToString("N");
        await _createLock.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                    await connection.OpenAsync(ct);
                    await using var command = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)} TEMPLATE template0", connection);
                    await command.ExecuteNonQueryAsync(ct);
                    return ConnectionString(name);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < CreateAttempts)
                {
                    // "source database "template0" is being accessed by other users"
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct);
                }
            }
        }
        finally
        {
            _createLock.Release();
        }
    }

    /// <summary>Drops a database (<c>WITH (FORCE)</c>, closing its sessions) and clears its pool; best effort, never throws.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        try
        {
            await using (var pooled = new NpgsqlConnection(ConnectionString(name)))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception)
        {
            // best effort: the cluster is thrown away anyway
        }
    }

    /// <summary>Stops the cluster (<c>pg_ctl stop -m immediate</c>) and deletes its folder, best effort; nothing for the shared one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_shared)
        {
            await StopAsync();
        }
    }

    private static async Task<PostgresCluster> StartSharedAsync()
    {
        var cluster = await StartAsync();
        cluster._shared = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopNow();
        return cluster;
    }

    private async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await RunToolAsync("pg_ctl", ["-D", DataDirectory, "stop", "-m", "immediate", "-w"], timeout.Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException
            or System.ComponentModel.Win32Exception)
        {
            // best effort
        }

        DeleteFolder();
    }

    private void StopNow()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                using var process = Process.Start(StartInfo(Tool("pg_ctl"), ["-D", DataDirectory, "stop", "-m", "immediate", "-w"], _asOsUser, _root));
                if (process is not null)
                {
                    process.StandardInput.Close();
                    process.StandardOutput.ReadToEnd();
                    if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // best effort
        }

        DeleteFolder();
    }

    private void DeleteFolder()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort
        }
    }

    private string Tool(string name) => Path.Combine(_binDirectory, name);

    private Task<(int ExitCode, string Output)> RunToolAsync(string name, IReadOnlyList<string> arguments, CancellationToken ct) =>
        RunAsync(Tool(name), arguments, _asOsUser, _root, ct);

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string file, IReadOnlyList<string> arguments, bool asOsUser, string workingDirectory, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo(file, arguments, asOsUser, workingDirectory))
            ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output);
    }

    /// <summary>
    /// Runs <paramref name="file"/> through /bin/sh (<see cref="CommandLine"/>), with standard error merged into
    /// standard output (one stream, in order, no deadlock) and no PG* variable of the caller.
    /// </summary>
    private static ProcessStartInfo StartInfo(string file, IReadOnlyList<string> arguments, bool asOsUser, string workingDirectory)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec " + CommandLine(file, arguments, asOsUser) + " 2>&1");

        // The caller's PGDATA, PGPORT, PGHOST... must not steer initdb or pg_ctl.
        foreach (var variable in info.Environment.Keys.Where(key => key.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(variable);
        }

        return info;
    }

    /// <summary>
    /// The shell command running <paramref name="file"/>: directly, or as the postgres OS user through
    /// <c>runuser -u postgres --</c>, else <c>su postgres -s /bin/sh -c</c>.
    /// </summary>
    private static string CommandLine(string file, IReadOnlyList<string> arguments, bool asOsUser)
    {
        var direct = string.Join(' ', new[] { file }.Concat(arguments).Select(ShellQuote));
        if (!asOsUser)
        {
            return direct;
        }

        return FindOnPath("runuser") is { } runuser
            ? $"{ShellQuote(runuser)} -u {OsUser} -- {direct}"
            : $"su {OsUser} -s /bin/sh -c {ShellQuote("exec " + direct)}";
    }

    /// <summary>
    /// Starts a detached shell (its own session, so a test host's process-tree kill misses it) that waits, polling each
    /// second, until this process is gone or the folder deleted, then stops the server and deletes the folder. The test
    /// host is killed soon after the last test, often before <see cref="AppDomain.ProcessExit"/> handlers finish.
    /// </summary>
    private void StartWatchdog()
    {
        var stop = CommandLine(Tool("pg_ctl"), ["-D", DataDirectory, "stop", "-m", "immediate", "-w"], _asOsUser);
        var script = string.Join(
            ' ',
            "trap '' HUP INT;",
            $"while kill -0 {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} 2>/dev/null && [ -d {ShellQuote(_root)} ]; do sleep 1; done;",
            $"if [ -f {ShellQuote(Path.Combine(DataDirectory, "postmaster.pid"))} ]; then {stop}; fi;",
            $"rm -rf {ShellQuote(_root)}");
        var detach = FindOnPath("setsid") is { } setsid ? ShellQuote(setsid) + " " : "";
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = "/" };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"{detach}/bin/sh -c {ShellQuote(script)} </dev/null >/dev/null 2>&1 &");
        using var launcher = Process.Start(info);
        launcher?.WaitForExit();
    }

    private static bool DetectRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (Environment.UserName == "root")
        {
            return true;
        }

        try
        {
            using var id = Process.Start(new ProcessStartInfo("id", "-u") { RedirectStandardOutput = true, UseShellExecute = false });
            if (id is null)
            {
                return false;
            }

            var uid = id.StandardOutput.ReadToEnd().Trim();
            id.WaitForExit();
            return uid == "0";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// The temp folder; /tmp instead when it is too long for the server's unix socket path (107 bytes), or, as root,
    /// when the postgres OS user could not reach it (e.g. under /root).
    /// </summary>
    private static string TempBase(bool asOsUser)
    {
        var temp = Path.GetTempPath();
        if (OperatingSystem.IsWindows())
        {
            return temp;
        }

        if (Encoding.UTF8.GetByteCount(temp) > 60)
        {
            return "/tmp";
        }

        if (!asOsUser)
        {
            return temp;
        }

        for (var folder = new DirectoryInfo(temp); folder is not null; folder = folder.Parent)
        {
            if ((folder.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return "/tmp";
            }
        }

        return temp;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string ReadLog(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : "(no log written)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(log unreadable: {e.Message})";
        }
    }

    private static Version? ParseVersion(string name)
    {
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return new Version(major, 0);
        }

        return Version.TryParse(name, out var version) ? version : null;
    }

    private static bool HasBinaries(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));

    private static string? FindOnPath(string name) =>
        new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
