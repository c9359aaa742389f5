using System.Text;
using System.Text.Json;
using Ekuiper.Application.DataExport.Queries.ExportRuleset;
using Ekuiper.Application.Store;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Ruleset;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Application.Tests.DataImport;

/// <summary>
/// A large import checks its rules batch by batch while the previous batch is written: what lands, what is reported,
/// the progress and a cancellation must be as if the rules were checked all at once.
/// </summary>
public sealed class ImportInBatchesTests : HarnessTest
{
    /// <summary>Enough rules for three batches, the last one partly filled.</summary>
    private const int RuleCount = 2 * RulesetWriter.BatchSize + 60;

    /// <summary>Enough streams for two batches.</summary>
    private const int StreamCount = RulesetWriter.BatchSize + 10;

    /// <summary>
    /// <see cref="StreamCount"/> streams (every 700th, from s1, does not parse), two tables (one reusing a stream's name
    /// from the other batch), a script function, and <see cref="RuleCount"/> rules reading the first even-numbered
    /// streams; every 97th rule reads a stream that does not exist and every 89th has SQL that does not parse, so that
    /// every batch has some refused.
    /// </summary>
    private static Ruleset Document(string prefix = "r")
    {
        var ruleset = new Ruleset();
        for (var i = 0; i < StreamCount; i++)
        {
            ruleset.Set(RulesetSection.Streams, $"s{i}", i % 700 == 1
                ? $"CREATE STREAM s{i} (a BIGINT WITH (DATASOURCE=\"t{i}\")"
                : $"CREATE STREAM s{i} (a BIGINT) WITH (DATASOURCE=\"t{i}\")");
        }
        ruleset.Set(RulesetSection.Tables, "t0", "CREATE TABLE t0 (a BIGINT) WITH (DATASOURCE=\"t0\")");
        ruleset.Set(RulesetSection.Tables, $"s{StreamCount - 2}", $"CREATE TABLE s{StreamCount - 2} (a BIGINT) WITH (DATASOURCE=\"x\")");
        ruleset.Set(RulesetSection.Scripts, "triple",
            """{"id":"triple","description":"","script":"function triple(x) { return x * 3; }","isAgg":false}""");
        for (var i = 0; i < RuleCount; i++)
        {
            var from = i % 97 == 0 ? "missing" : $"s{i % 10 * 2}";
            var sql = i % 89 == 0 ? $"SELECT FROM WHERE {from}" : $"SELECT triple(a) AS b FROM {from} WHERE a > {i}";
            ruleset.Set(RulesetSection.Rules, $"{prefix}{i:D5}",
                JsonSerializer.Serialize(new { id = $"{prefix}{i:D5}", sql, actions = new[] { new { log = new { } } } }));
        }
        return ruleset;
    }

    private static IEnumerable<string> RefusedStreams() =>
        Enumerable.Range(0, StreamCount).Where(i => i % 700 == 1).Select(i => $"s{i}");

    private const int WrittenStreamsAndTables = StreamCount - (StreamCount + 698) / 700 + 1;

    private static IEnumerable<string> RefusedKeys(string prefix = "r") => Enumerable.Range(0, RuleCount)
        .Where(i => i % 97 == 0 || i % 89 == 0)
        .Select(i => $"{prefix}{i:D5}");

    private Task<ImportOutcome> ImportAsync(Ruleset ruleset, ImportMode mode, ImportOptions options, CancellationToken cancellationToken = default) =>
        App.InStoreWriteAsync(services => services.GetRequiredService<RulesetImporter>().ImportAsync(ruleset, mode, options, cancellationToken));

    private async Task<Dictionary<string, Dictionary<string, string>>> ExportAsync() =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(
            await App.ExportAsync(new ExportRuleset()))!;

    [Test]
    public async Task Every_rule_that_passes_lands_and_every_refused_rule_is_reported_whatever_its_batch()
    {
        var document = Document();

        var outcome = await ImportAsync(document, ImportMode.Reset, new ImportOptions());

        var refused = RefusedKeys().ToList();
        Assert.That(refused.Select(k => int.Parse(k[1..]) / RulesetWriter.BatchSize).Distinct(), Has.Exactly(3).Items,
            "the document has refused rules in every batch");
        Assert.That(outcome.Report[RulesetSection.Rules].Keys, Is.EqualTo(refused));
        var export = await ExportAsync();
        Assert.That(export["rules"].Keys, Is.EqualTo(document[RulesetSection.Rules].Keys.Except(refused)));
        Assert.That(export["rules"]["r02040"], Is.EqualTo(document[RulesetSection.Rules]["r02040"]));
        Assert.That(outcome.Report[RulesetSection.Streams].Keys, Is.EquivalentTo(RefusedStreams()));
        Assert.That(outcome.Report[RulesetSection.Tables].Keys, Is.EqualTo(new[] { $"s{StreamCount - 2}" }));
        Assert.That(outcome.Report[RulesetSection.Tables][$"s{StreamCount - 2}"],
            Is.EqualTo($"s{StreamCount - 2} is already defined under streams in this import"));
        Assert.That(export["streams"].Keys, Is.EquivalentTo(document[RulesetSection.Streams].Keys.Except(RefusedStreams())));
        Assert.That(export["tables"].Keys, Is.EqualTo(new[] { "t0" }));
        Assert.That(export["scripts"].Keys, Is.EqualTo(new[] { "triple" }));
    }

    [Test]
    public async Task A_dry_run_checking_every_rule_first_reports_exactly_what_the_batched_import_reports()
    {
        var document = Document();

        var preview = await ImportAsync(document, ImportMode.Reset, new ImportOptions { DryRun = true });
        var imported = await ImportAsync(document, ImportMode.Reset, new ImportOptions());

        Assert.That(Encoding.UTF8.GetString(RulesetDocument.Write(imported.Report)),
            Is.EqualTo(Encoding.UTF8.GetString(RulesetDocument.Write(preview.Report))));
        Assert.That(preview.Preview![RulesetSection.Rules].Created, Is.EquivalentTo((await ExportAsync())["rules"].Keys));
    }

    [Test]
    public async Task Progress_counts_to_a_total_that_ends_as_the_entries_written()
    {
        var reports = new List<(int Done, int Total)>();

        await ImportAsync(Document(), ImportMode.Reset, new ImportOptions(OnProgress: (done, total) => reports.Add((done, total))));

        var written = WrittenStreamsAndTables + 1 + RuleCount - RefusedKeys().Count();
        Assert.That(reports[0], Is.EqualTo((0, StreamCount + 2 + 1 + RuleCount)), "the total starts as every entry of the document");
        Assert.That(reports[^1], Is.EqualTo((written, written)));
        Assert.That(reports.Select(r => r.Done), Is.Ordered);
        Assert.That(reports, Has.All.Matches<(int Done, int Total)>(r => r.Done <= r.Total));
    }

    [Test]
    public void An_import_cancelled_between_two_batches_leaves_the_store_as_it_was()
    {
        Assert.That(async () => await ImportAsync(Document("old"), ImportMode.Reset, new ImportOptions()), Throws.Nothing);
        var before = App.ExportAsync(new ExportRuleset()).GetAwaiter().GetResult();
        using var cancel = new CancellationTokenSource();

        Assert.That(async () => await ImportAsync(Document("new"), ImportMode.Reset,
                new ImportOptions(OnProgress: (done, _) =>
                {
                    if (done > RulesetWriter.BatchSize)
                    {
                        cancel.Cancel();
                    }
                }), cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());

        Assert.That(App.ExportAsync(new ExportRuleset()).GetAwaiter().GetResult(), Is.EqualTo(before));
    }
}
