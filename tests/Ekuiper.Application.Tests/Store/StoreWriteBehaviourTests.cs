using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Rules.Commands.DeleteRule;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Ekuiper.Application.Tests.Store;

/// <summary>The one unit of work around every store write, seen through test writes with handlers of their own.</summary>
public sealed class StoreWriteBehaviourTests : HarnessTest
{
    /// <summary>A write that adds a stream, then does what the test asks.</summary>
    private sealed record TestWrite(string Stream, bool Throw = false, bool Discard = false, bool Nested = false,
        IArtifactStaging? Staging = null) : IRequest<long>, IStoreWrite;

    private sealed class TestWriteHandler(IEkuiperDbContext db, StoreWriteUnit unit, IMediator mediator) : IRequestHandler<TestWrite, long>
    {
        public async Task<long> Handle(TestWrite request, CancellationToken cancellationToken)
        {
            db.Streams.Add(new StreamDefinition { Name = request.Stream, Statement = "CREATE STREAM x () WITH (DATASOURCE=\"x\")" });
            await db.SaveChangesAsync(cancellationToken);
            unit.Changed();
            if (request.Staging is { } staging)
            {
                unit.Stage(staging);
            }
            if (request.Nested)
            {
                await mediator.Send(new DeleteRule("any"), cancellationToken);
            }
            if (request.Discard)
            {
                unit.DiscardAll();
            }
            if (request.Throw)
            {
                throw new InvalidOperationException("the handler failed");
            }
            return unit.RevisionBefore;
        }
    }

    protected override ApplicationHarness CreateHarness() =>
        new(services =>
        {
            services.AddTransient<IRequestHandler<TestWrite, long>, TestWriteHandler>();
            services.AddTransient<IRequestHandler<StaleWrite, long>, NeverHandler>();
        });

    private sealed class NeverHandler : IRequestHandler<StaleWrite, long>
    {
        public Task<long> Handle(StaleWrite request, CancellationToken cancellationToken) =>
            throw new AssertionException("the handler of a stale write ran");
    }

    private async Task<(long Revision, List<string> Streams)> StoreAsync() =>
        await App.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<IEkuiperDbContext>();
            return (await StoreRevision.ReadAsync(db, CancellationToken.None), await db.Streams.Select(s => s.Name).ToListAsync());
        });

    [Test]
    public async Task Every_write_and_no_read_runs_inside_the_unit_of_work()
    {
        var (write, read) = await App.InScopeAsync(services => Task.FromResult((
            services.GetServices<IPipelineBehavior<TestWrite, long>>().Select(b => b.GetType().Name).ToList(),
            services.GetServices<IPipelineBehavior<Application.Rules.Queries.GetRule.GetRule, string>>().Select(b => b.GetType().Name).ToList())));

        // A read neither opens a write transaction nor builds what one needs (its store context included).
        Assert.That(write.Count(name => name.StartsWith("StoreWriteBehaviour", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(read, Has.None.StartsWith("StoreWriteBehaviour"));
        Assert.That(read, Has.Count.EqualTo(write.Count - 1));
    }

    [Test]
    public async Task A_write_that_changed_something_commits_with_one_new_revision_and_promotes_its_files()
    {
        var staging = new Mock<IArtifactStaging>();
        var (before, _) = await StoreAsync();

        var seen = await App.SendAsync(new TestWrite("a", Staging: staging.Object));

        var (after, streams) = await StoreAsync();
        Assert.That(seen, Is.EqualTo(before));
        Assert.That(after, Is.EqualTo(before + 1));
        Assert.That(streams, Is.EqualTo(new[] { "a" }));
        staging.Verify(s => s.Promote(), Times.Once);
        staging.Verify(s => s.Complete(), Times.Once);
        staging.Verify(s => s.Dispose(), Times.Once);
    }

    [Test]
    public async Task A_failing_handler_leaves_no_row_no_revision_and_no_promoted_file()
    {
        var staging = new Mock<IArtifactStaging>();
        var (before, _) = await StoreAsync();

        Assert.ThrowsAsync<InvalidOperationException>(() => App.SendAsync(new TestWrite("a", Throw: true, Staging: staging.Object)));

        var (after, streams) = await StoreAsync();
        Assert.That(after, Is.EqualTo(before));
        Assert.That(streams, Is.Empty);
        staging.Verify(s => s.Promote(), Times.Never);
        staging.Verify(s => s.Complete(), Times.Never);
        staging.Verify(s => s.Dispose(), Times.Once);
    }

    [Test]
    public async Task A_discarded_write_is_rolled_back_whatever_it_wrote()
    {
        var staging = new Mock<IArtifactStaging>();
        var (before, _) = await StoreAsync();

        await App.SendAsync(new TestWrite("a", Discard: true, Staging: staging.Object));

        var (after, streams) = await StoreAsync();
        Assert.That(after, Is.EqualTo(before));
        Assert.That(streams, Is.Empty);
        staging.Verify(s => s.Promote(), Times.Never);
    }

    [Test]
    public async Task A_handler_that_sends_another_store_write_is_refused_and_nothing_lands()
    {
        var (before, _) = await StoreAsync();

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => App.SendAsync(new TestWrite("a", Nested: true)))!;

        Assert.That(error.Message, Does.Contain("must not send another write"));
        var (after, streams) = await StoreAsync();
        Assert.That(after, Is.EqualTo(before));
        Assert.That(streams, Is.Empty);
    }

    [Test]
    public async Task A_stale_if_match_is_refused_before_the_handler_runs()
    {
        await App.SendAsync(new TestWrite("a"));
        var (current, _) = await StoreAsync();

        Assert.ThrowsAsync<Common.Exceptions.StaleRevisionException>(() =>
            App.SendAsync(new StaleWrite(current - 1)));

        Assert.That((await StoreAsync()).Revision, Is.EqualTo(current));
    }

    /// <summary>A write whose If-Match names <paramref name="Expected"/>; its handler is never reached when that is stale.</summary>
    private sealed record StaleWrite(long Expected) : IRequest<long>, IStoreWrite
    {
        public IReadOnlyCollection<long>? ExpectedRevisions => [Expected];
    }
}
