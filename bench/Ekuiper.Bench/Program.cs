using System.Globalization;
using System.Runtime.InteropServices;
using Ekuiper.Bench;
using Ekuiper.Bench.Measuring;

// Import/export benchmark: see docs/performance.md.
//   dotnet run -c Release --project bench/Ekuiper.Bench -- --rules 10000
//   dotnet run -c Release --project bench/Ekuiper.Bench -- --rules 100000   (measures 10000 too, for the scaling ratio)
//   dotnet run -c Release --project bench/Ekuiper.Bench -- --quick          (500 rules, one run: a smoke test for CI)
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

var loadAtStart = LoadAverage();
var workDirectory = Path.Combine(Path.GetTempPath(), $"ekuiper-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(workDirectory);
var results = new List<Measurement>();
try
{
    Console.Error.WriteLine($"generating the warm-up data set ({WarmUpRules} rules)");
    var warmUp = await Dataset.CreateAsync(WarmUpRules, Path.Combine(workDirectory, "warm-up"));
    foreach (var ruleCount in options.Sizes)
    {
        Console.Error.WriteLine($"generating the data set of {ruleCount} rules");
        var sizeDirectory = Path.Combine(workDirectory, ruleCount.ToString(CultureInfo.InvariantCulture));
        var data = await Dataset.CreateAsync(ruleCount, sizeDirectory);
        results.AddRange(await new SizeBench(data, warmUp, options.Runs, Path.Combine(sizeDirectory, "runs")).RunAsync());
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
    if (Directory.Exists(workDirectory))
    {
        Directory.Delete(workDirectory, recursive: true);
    }
}

var report = new ResultReport(results, options);
Console.WriteLine($"Ekuiper import/export benchmark: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
                  $"{RuntimeInformation.FrameworkDescription}, SQLite {SqliteVersion()}; median of {options.Runs} run(s) after a warm-up");
if (loadAtStart is not null)
{
    // Other work on the machine slows the server's parallel checks more than the single-threaded floor.
    Console.WriteLine($"Load average (1 min) before: {loadAtStart}, after: {LoadAverage()}");
}
Console.WriteLine();
report.Print(Console.Out);
return options.Quick || report.TargetsMet ? 0 : 2;

static string SqliteVersion()
{
    using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
    connection.Open();
    return connection.ServerVersion;
}

static string? LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
