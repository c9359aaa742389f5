using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Application.Rules.Commands.DeleteRule;
using Ekuiper.Application.Rules.Commands.StopRule;
using Ekuiper.Domain.Ruleset;
using Microsoft.Extensions.DependencyInjection;
using static Ekuiper.Application.Tests.TestText;

namespace Ekuiper.Application.Tests.DataImport;

public sealed class StoreRevisionTests : HarnessTest
{
    private const string Document =
        "{\"streams\":{\"s\":\"CREATE STREAM s () WITH (DATASOURCE=\\\"s\\\")\"}," +
        "\"rules\":{\"r\":\"{\\\"id\\\":\\\"r\\\",\\\"sql\\\":\\\"SELECT * FROM s\\\",\\\"actions\\\":[{\\\"log\\\":{}}]}\"}}";

    private async Task<long> RevisionAsync()
    {
        using var scope = App.Get<IServiceScopeFactory>().CreateScope();
        return await StoreRevision.ReadAsync(scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>(), CancellationToken.None);
    }

    [Test]
    public void Require_accepts_a_listed_revision_or_no_condition()
    {
        Assert.DoesNotThrow(() => StoreRevision.Require(5, null));
        Assert.DoesNotThrow(() => StoreRevision.Require(5, [4, 5]));
    }

    [Test]
    public void Require_refuses_another_revision_and_says_which_the_store_is_at()
    {
        var error = Assert.Throws<StaleRevisionException>(() => StoreRevision.Require(6, [5]))!;

        Assert.That(error.Message, Does.Contain("expects revision 5").And.Contain("the store is at revision 6").And.Contain("Nothing was imported"));
    }

    [Test]
    public async Task Every_change_bumps_the_revision_once_and_a_refused_one_not_at_all()
    {
        var start = await RevisionAsync();

        var import = await App.SendAsync(new ImportRuleset(Utf8(Document), null, ImportMode.Reset));
        var afterImport = await RevisionAsync();
        await App.SendAsync(new StopRule("r"));
        var afterStop = await RevisionAsync();
        await App.SendAsync(new StopRule("r")); // already stopped: nothing changes
        var afterSecondStop = await RevisionAsync();
        Assert.ThrowsAsync<InvalidRequestException>(() => App.SendAsync(new DeleteRule("ghost")));
        var afterMissingDelete = await RevisionAsync();
        await App.SendAsync(new DeleteRule("r"));

        Assert.That(import.Revision, Is.EqualTo(start + 1));
        Assert.That(afterImport, Is.EqualTo(start + 1));
        Assert.That(afterStop, Is.EqualTo(start + 2));
        Assert.That(afterSecondStop, Is.EqualTo(afterStop));
        Assert.That(afterMissingDelete, Is.EqualTo(afterStop));
        Assert.That(await RevisionAsync(), Is.EqualTo(start + 3));
    }

    [Test]
    public async Task An_import_expecting_an_old_revision_is_refused_and_changes_nothing()
    {
        var first = await App.SendAsync(new ImportRuleset(Utf8(Document), null, ImportMode.Reset));

        Assert.ThrowsAsync<StaleRevisionException>(() => App.SendAsync(
            new ImportRuleset(Utf8("{}"), null, ImportMode.Reset) { ExpectedRevisions = [first.Revision - 1] }));

        Assert.That(await RevisionAsync(), Is.EqualTo(first.Revision));
        Assert.That(await App.StreamNamesAsync(), Is.EqualTo(new[] { "s" }));
    }

    [Test]
    public async Task A_REST_write_waits_in_the_import_line_until_the_import_ahead_has_left()
    {
        await App.SendAsync(new ImportRuleset(Utf8(Document), null, ImportMode.Reset));
        var gate = App.Get<ObservedGate>();
        var import = gate.Join();
        await import.WaitAsync(CancellationToken.None);
        var joined = gate.WatchNextJoin();

        var delete = App.SendAsync(new DeleteRule("r"));
        await joined;
        var revisionWhileHeld = await RevisionAsync();
        gate.Record("import left");
        import.Dispose();
        await delete;
        await gate.Admission;

        Assert.That(gate.Events, Is.EqualTo(new[] { "import left", "admitted" }), "the delete was let in before the import left");
        Assert.That(revisionWhileHeld, Is.EqualTo(1));
        Assert.That(await RevisionAsync(), Is.EqualTo(2));
    }

    protected override ApplicationHarness CreateHarness() => new(services =>
    {
        services.AddSingleton<ObservedGate>();
        services.AddSingleton<IImportGate>(provider => provider.GetRequiredService<ObservedGate>());
    });

    /// <summary>The real import line; once watching, it tells when the next turn is taken and records when it is let in.</summary>
    private sealed class ObservedGate : IImportGate
    {
        private readonly ImportGate _line = new();
        private TaskCompletionSource? _joined;

        public List<string> Events { get; } = [];

        /// <summary>Done once the watched turn's admission is recorded.</summary>
        public Task Admission { get; private set; } = Task.CompletedTask;

        public Task WatchNextJoin()
        {
            _joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _joined.Task;
        }

        public void Record(string text)
        {
            lock (Events)
            {
                Events.Add(text);
            }
        }

        public ImportTurn Join() => Observe(_line.Join());

        private ImportTurn Observe(ImportTurn turn)
        {
            if (Interlocked.Exchange(ref _joined, null) is { } joined)
            {
                Admission = turn.WaitAsync(CancellationToken.None).ContinueWith(_ => Record("admitted"), TaskContinuationOptions.ExecuteSynchronously);
                joined.TrySetResult();
            }
            return turn;
        }
    }
}
