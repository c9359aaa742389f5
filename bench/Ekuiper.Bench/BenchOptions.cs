using System.Globalization;

namespace Ekuiper.Bench;

/// <summary>
/// --rules N[,M…]: the sizes (default 10000). Each size N of 10000 or more is measured with N/10 as well, for the
/// N/(N/10) time ratio, unless --no-scaling. --runs R: timed runs per operation (default 5). --quick: 500 rules, one
/// run, no targets: a smoke test that the whole path works and gives correct answers. Everything is measured on SQLite
/// and, when its server binaries are installed, on PostgreSQL too, unless --no-postgresql.
/// </summary>
public sealed record BenchOptions(IReadOnlyList<int> Sizes, int Runs, bool Quick, bool PostgreSql = true)
{
    public const string Usage = "usage: Ekuiper.Bench [--rules N[,M...]] [--runs R] [--no-scaling] [--no-postgresql] | --quick [--no-postgresql]";

    public static BenchOptions Parse(string[] args)
    {
        var requested = new List<int>();
        var runs = 5;
        var quick = false;
        var scaling = true;
        var postgreSql = true;
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
                default:
                    throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        if (quick)
        {
            return new BenchOptions([500], 1, Quick: true, postgreSql);
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
        return new BenchOptions(sizes.ToList(), runs, Quick: false, postgreSql);
    }

    private static string Value(string[] args, int index) =>
        index < args.Length ? args[index] : throw new ArgumentException($"{args[index - 1]} needs a value");

    private static int Positive(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{option} must be a positive whole number, not {text}");
}
