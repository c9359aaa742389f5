using System.Globalization;

namespace Ekuiper.Bench;

/// <summary>
/// --rules N[,M…]: the sizes (default 10000). Each size N of 10000 or more is measured with N/10 as well, for the
/// N/(N/10) time ratio, unless --no-scaling. --runs R: timed runs per operation (default 5). --quick: 500 rules, one
/// run, no targets: a smoke test that the whole path works and gives correct answers. Everything is measured on SQLite
/// and, when its server binaries are installed, on PostgreSQL too, unless --no-postgresql.
/// Sections: --imports (the import/export tables), --load (load runs of the small reads, reads during an import, the
/// lists), --start (start time of the published server); none named means all three (--quick: imports and a short
/// load run; --start only when named). Load and start run once, on SQLite, at <see cref="LoadSize"/>.
/// --connections C (default 50) and --load-seconds S (default 5, after a 1 s warm-up) shape the load runs.
/// </summary>
public sealed record BenchOptions(IReadOnlyList<int> Sizes, int Runs, bool Quick, bool PostgreSql = true)
{
    public const string Usage = "usage: Ekuiper.Bench [--rules N[,M...]] [--runs R] [--no-scaling] [--no-postgresql] [--imports] [--load] [--start] " +
                                "[--connections C] [--load-seconds S] | --quick [--no-postgresql] [--imports] [--load] [--start]";

    public bool Imports { get; init; } = true;
    public bool Load { get; init; } = true;
    public bool Start { get; init; } = true;
    public int Connections { get; init; } = 50;
    public int LoadSeconds { get; init; } = 5;

    /// <summary>The size the load and start sections run at: 10,000 when measured, else the largest size below it, else the smallest.</summary>
    public int LoadSize => Sizes.Contains(10_000) ? 10_000 : Sizes.Where(n => n < 10_000).DefaultIfEmpty(Sizes.Min()).Max();

    /// <summary>The load runs' shape: in the quick run, a short smoke of every read.</summary>
    public Load.LoadSettings LoadSettings => Quick
        ? new Load.LoadSettings(Connections, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), ListRuns: 1)
        : new Load.LoadSettings(Connections, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(LoadSeconds), ListRuns: Runs);

    public static BenchOptions Parse(string[] args)
    {
        var requested = new List<int>();
        var runs = 5;
        var quick = false;
        var scaling = true;
        var postgreSql = true;
        var sections = new HashSet<string>();
        var connections = 50;
        var loadSeconds = 5;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rules":
                    requested.AddRange(Value(args, ++i).Split(',').Select(s => Positive(s, "--rules")));
                    break;
                case "--runs":
                    runs = Positive(Value(args, ++i), "--runs");
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--no-scaling":
                    scaling = false;
                    break;
                case "--no-postgresql":
                    postgreSql = false;
                    break;
                case "--imports" or "--load" or "--start":
                    sections.Add(args[i]);
                    break;
                case "--connections":
                    connections = Positive(Value(args, ++i), "--connections");
                    break;
                case "--load-seconds":
                    loadSeconds = Positive(Value(args, ++i), "--load-seconds");
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        var all = sections.Count == 0;
        if (quick)
        {
            return new BenchOptions([500], 1, Quick: true, postgreSql)
            {
                Imports = all || sections.Contains("--imports"),
                Load = all || sections.Contains("--load"),
                Start = sections.Contains("--start"),
                Connections = connections,
            };
        }
        if (requested.Count == 0)
        {
            requested.Add(10_000);
        }
        var sizes = new SortedSet<int>(requested);
        if (scaling)
        {
            sizes.UnionWith(requested.Where(n => n >= 10_000).Select(n => n / 10));
        }
        return new BenchOptions(sizes.ToList(), runs, Quick: false, postgreSql)
        {
            Imports = all || sections.Contains("--imports"),
            Load = all || sections.Contains("--load"),
            Start = all || sections.Contains("--start"),
            Connections = connections,
            LoadSeconds = loadSeconds,
        };
    }

    private static string Value(string[] args, int index) =>
        index < args.Length ? args[index] : throw new ArgumentException($"{args[index - 1]} needs a value");

    private static int Positive(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{option} must be a positive whole number, not {text}");
}
