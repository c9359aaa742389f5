using System.Globalization;
using System.Runtime.InteropServices;
using Ekuiper.Bench;
using Ekuiper.Bench.Load;
using Ekuiper.Bench.Measuring;
using Ekuiper.Bench.Targets;
using Ekuiper.Testing;

// Import/export benchmark: see docs/performance.md.
//   dotnet run -c Release --project bench/Ekuiper.Bench -- --rules 10000
//   dotnet run -c Release --project bench/Ekuiper.Bench -- --rules 100000   (measures 10000 too, for the scaling ratio)
//   dotnet run -c Release --project bench/Ekuiper.Bench -- --quick          (500 rules, one run: a smoke test for CI)
//   dotnet run -c Release --project bench/Ekuiper.Bench -- --load --start   (only the load and start sections, at 10000)
// Every size is measured on SQLite, then on PostgreSQL (a throw-away cluster of its own) unless --no-postgresql or
// PostgreSQL is not installed.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length == 2 && args[0] == Worker.Flag)
{
    try
    {
        return await Worker.RunAsync(args[1]);
    }
    catch (Exception e)
    {
        Console.Error.WriteLine(e);
        return 1;
    }
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 64;
}

// The size of the ruleset each run's process handles first, untimed, so that no run pays for compiling its code.
const int WarmUpRules = 200;
// Timed starts of the published server per store (their median is reported).
const int StartRuns = 5;

var loadAtStart = LoadAverage();
var workDirectory = Path.Combine(Path.GetTempPath(), $"ekuiper-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(workDirectory);
var results = new List<Measurement>();
string? postgreSqlSkipped = null;
string? postgreSqlVersion = null;
PostgreSqlStores? postgreSql = null;
LoadResults? loadResults = null;
IReadOnlyList<StartResult>? startResults = null;
try
{
    if (!options.Imports)
    {
        postgreSqlSkipped = "the import/export section is not run (the load and start sections are SQLite only)";
    }
    else if (!options.PostgreSql)
    {
        postgreSqlSkipped = "--no-postgresql";
    }
    else if (!PostgresCluster.IsInstalled)
    {
        postgreSqlSkipped = PostgresCluster.InstallHint;
    }
    else
    {
        Console.Error.WriteLine("starting a throw-away PostgreSQL cluster");
        try
        {
            postgreSql = await PostgreSqlStores.StartAsync();
        }
        catch (InvalidOperationException e)
        {
            throw new BenchFailure($"PostgreSQL is installed but its cluster did not start (--no-postgresql skips it): {e.Message}");
        }
        postgreSqlVersion = postgreSql.Version;
    }
    if (postgreSqlSkipped is not null && options.Imports)
    {
        Console.Error.WriteLine($"PostgreSQL columns skipped: {postgreSqlSkipped}");
    }

    Console.Error.WriteLine($"generating the warm-up data set ({WarmUpRules} rules)");
    var warmUp = await Dataset.CreateAsync(WarmUpRules, Path.Combine(workDirectory, "warm-up"));
    if (postgreSql is not null)
    {
        await warmUp.AddPostgreSqlAsync(postgreSql);
    }
    foreach (var ruleCount in options.Imports ? options.Sizes : [options.LoadSize])
    {
        Console.Error.WriteLine($"generating the data set of {ruleCount} rules");
        var sizeDirectory = Path.Combine(workDirectory, ruleCount.ToString(CultureInfo.InvariantCulture));
        var data = await Dataset.CreateAsync(ruleCount, sizeDirectory);
        var runs = Path.Combine(sizeDirectory, "runs");
        Directory.CreateDirectory(runs);
        if (options.Imports)
        {
            results.AddRange(await new SizeBench(data, warmUp, options.Runs, !options.Quick, runs).RunAsync());
            if (postgreSql is not null)
            {
                await data.AddPostgreSqlAsync(postgreSql);
                results.AddRange(await new SizeBench(data, warmUp, options.Runs, !options.Quick, runs, postgreSql).RunAsync());
            }
        }
        if (ruleCount == options.LoadSize)
        {
            if (options.Load)
            {
                loadResults = await new LoadBench(data, options.LoadSettings, runs).RunAsync();
            }
            if (options.Start)
            {
                startResults = await new StartBench(data, StartRuns, runs).RunAsync();
            }
        }
        Directory.Delete(sizeDirectory, recursive: true);
    }
}
catch (BenchFailure failure)
{
    Console.Error.WriteLine($"FAILED: {failure.Message}");
    return 1;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (postgreSql is not null)
    {
        await postgreSql.DisposeAsync();
    }
    if (Directory.Exists(workDirectory))
    {
        Directory.Delete(workDirectory, recursive: true);
    }
}

var report = new ResultReport(results, options, postgreSqlSkipped);
Console.WriteLine($"Ekuiper {(options.Imports ? "import/export" : "load and start")} benchmark: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
                  $"{RuntimeInformation.FrameworkDescription}, SQLite {SqliteVersion()}" +
                  (postgreSqlVersion is null ? "" : $", PostgreSQL {postgreSqlVersion} (local throw-away cluster: fsync, synchronous_commit, full_page_writes off)") +
                  (!options.Imports ? "" : options.Quick ? "; one run per operation (its process warmed up first), no warm-up run" : $"; median of {options.Runs} run(s) after a warm-up"));
if (loadAtStart is not null)
{
    // Other work on the machine slows the server's parallel checks more than the single-threaded floor.
    Console.WriteLine($"Load average (1 min) before: {loadAtStart}, after: {LoadAverage()}");
}
Console.WriteLine();
if (options.Imports)
{
    report.Print(Console.Out);
}
if (loadResults is not null || startResults is not null)
{
    new LoadReport(loadResults, startResults, StartRuns).Print(Console.Out);
}
return options.Quick || !options.Imports || report.TargetsMet ? 0 : 2;

static string SqliteVersion()
{
    using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
    connection.Open();
    return connection.ServerVersion;
}

static string? LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
