using System.Collections.Concurrent;
using Ekuiper.Application.AsyncTasks;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ekuiper.Application.Common.Queries;

/// <summary>
/// The reads pollers, dashboards and health checks repeat (GET /rules/{id}, /streams/{name}, /data/import/status,
/// /async/task/{id}, /async/tasks), the revision every write and export reads and the chosen-rules export's reads, compiled once with <see cref="EF.CompileAsyncQuery{TContext,TParam1,TResult}(System.Linq.Expressions.Expression{Func{TContext,TParam1,CancellationToken,TResult}})"/>:
/// a LINQ query otherwise builds its expression tree, extracts its parameters from it and looks its compiled form up in
/// EF's cache on every call, which cost about as much as running it. Each runs on the context behind
/// <see cref="Interfaces.IEkuiperDbContext.Context"/> or <see cref="Interfaces.ITaskStore.Context"/> and tracks nothing. EF binds a
/// compiled query to the model it first ran with, so each is compiled once per model (<see cref="PerModel{TQuery}"/>): a
/// process that holds a SQLite and a PostgreSQL store (the tests do) runs each on its own.
/// </summary>
internal static class HotReads
{
    private static readonly PerModel<Func<DbContext, CancellationToken, Task<long?>>> RevisionQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db, CancellationToken _) =>
            db.Set<StoreState>().Where(s => s.Id == StoreState.SingletonId).Select(s => (long?)s.Revision).FirstOrDefault()));

    private static readonly PerModel<Func<DbContext, string, CancellationToken, Task<string?>>> RuleJsonQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db, string id, CancellationToken _) =>
            db.Set<RuleDefinition>().Where(r => r.Id == id).Select(r => (string?)r.Json).FirstOrDefault()));

    private static readonly PerModel<Func<DbContext, string, StreamKind, CancellationToken, Task<StreamDefinition?>>> StreamQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db, string name, StreamKind kind, CancellationToken _) =>
            db.Set<StreamDefinition>().AsNoTracking().FirstOrDefault(s => s.Name == name && s.Kind == kind)));

    private static readonly PerModel<Func<DbContext, CancellationToken, Task<ImportStatusRecord?>>> ImportStatusQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db, CancellationToken _) =>
            db.Set<ImportStatusRecord>().AsNoTracking().FirstOrDefault(s => s.Id == ImportStatusRecord.SingletonId)));

    private static readonly PerModel<Func<DbContext, string, CancellationToken, Task<AsyncTaskRecord?>>> TaskQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db, string id, CancellationToken _) =>
            db.Set<AsyncTaskRecord>().AsNoTracking().Where(t => t.Id == id).Select(AsyncTaskRows.WithoutRequestColumns).FirstOrDefault()));

    private static readonly PerModel<Func<DbContext, int, IAsyncEnumerable<AsyncTaskRecord>>> RecentTasksQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db, int limit) =>
            db.Set<AsyncTaskRecord>().AsNoTracking()
                .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
                .Take(limit)
                .Select(AsyncTaskRows.WithoutRequestColumns)));

    // The chosen-rules export's reads (POST /data/export): a fixed cost of every call, whatever the store's size. Each
    // list is one parameter, whatever its length (StoreSetup.CollectionsAs).
    private static readonly PerModel<Func<DbContext, List<string>, IAsyncEnumerable<RuleDefinition>>> RulesQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db, List<string> ids) => db.Set<RuleDefinition>().AsNoTracking().Where(r => ids.Contains(r.Id))));

    private static readonly PerModel<Func<DbContext, List<string>, IAsyncEnumerable<StreamDefinition>>> StreamsQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db, List<string> names) => db.Set<StreamDefinition>().AsNoTracking().Where(s => names.Contains(s.Name))));

    private static readonly PerModel<Func<DbContext, List<string>, IAsyncEnumerable<ConfigKey>>> ConnectionsOrKeysQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db, List<string> names) => db.Set<ConfigKey>().AsNoTracking()
            .Where(k => k.Category == ConfigCategory.Connection || names.Contains(k.Name))));

    private static readonly PerModel<Func<DbContext, IAsyncEnumerable<ArtifactDefinition>>> ArtifactsQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db) => db.Set<ArtifactDefinition>().AsNoTracking()));

    /// <summary>The store's revision (<see cref="Store.StoreRevision"/>); null when its row is missing.</summary>
    public static Task<long?> Revision(DbContext db, CancellationToken cancellationToken) =>
        RevisionQuery.For(db)(db, cancellationToken);

    /// <summary>The stored JSON of rule <paramref name="id"/>; null when there is none.</summary>
    public static Task<string?> RuleJson(DbContext db, string id, CancellationToken cancellationToken) =>
        RuleJsonQuery.For(db)(db, id, cancellationToken);

    /// <summary>The stored stream or table of that kind and name; null when there is none.</summary>
    public static Task<StreamDefinition?> Stream(DbContext db, string name, StreamKind kind, CancellationToken cancellationToken) =>
        StreamQuery.For(db)(db, name, kind, cancellationToken);

    /// <summary>The last import's report; null before the first import.</summary>
    public static Task<ImportStatusRecord?> ImportStatus(DbContext db, CancellationToken cancellationToken) =>
        ImportStatusQuery.For(db)(db, cancellationToken);

    /// <summary>Task <paramref name="id"/> without its request (<see cref="AsyncTaskRows.WithoutRequestColumns"/>); null when there is none.</summary>
    public static Task<AsyncTaskRecord?> Task(DbContext db, string id, CancellationToken cancellationToken) =>
        TaskQuery.For(db)(db, id, cancellationToken);

    /// <summary>The <paramref name="limit"/> most recent tasks, newest first, without their requests (cancelled through the enumeration).</summary>
    public static IAsyncEnumerable<AsyncTaskRecord> RecentTasks(DbContext db, int limit) =>
        RecentTasksQuery.For(db)(db, limit);

    /// <summary>The stored rules among <paramref name="ids"/>, untracked.</summary>
    public static ValueTask<List<RuleDefinition>> Rules(DbContext db, List<string> ids, CancellationToken cancellationToken) =>
        RulesQuery.For(db)(db, ids).ToListAsync(cancellationToken);

    /// <summary>The stored streams and tables among <paramref name="names"/>, untracked.</summary>
    public static ValueTask<List<StreamDefinition>> Streams(DbContext db, List<string> names, CancellationToken cancellationToken) =>
        StreamsQuery.For(db)(db, names).ToListAsync(cancellationToken);

    /// <summary>Every connection, and the source, sink and connection keys named one of <paramref name="names"/>, untracked.</summary>
    public static ValueTask<List<ConfigKey>> ConnectionsOrKeys(DbContext db, List<string> names, CancellationToken cancellationToken) =>
        ConnectionsOrKeysQuery.For(db)(db, names).ToListAsync(cancellationToken);

    /// <summary>Every stored artifact, untracked.</summary>
    public static ValueTask<List<ArtifactDefinition>> Artifacts(DbContext db, CancellationToken cancellationToken) =>
        ArtifactsQuery.For(db)(db).ToListAsync(cancellationToken);

    /// <summary>One compiled query per model it runs with; the last model's is found without a lookup.</summary>
    private sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
    {
        private readonly ConcurrentDictionary<IModel, TQuery> byModel = new(ReferenceEqualityComparer.Instance);
        // A reference, so that a thread never reads one model's query with another's model.
        private Compiled? last;

        public TQuery For(DbContext db)
        {
            var model = db.Model;
            if (last is { } known && ReferenceEquals(known.Model, model))
            {
                return known.Query;
            }
            var query = byModel.GetOrAdd(model, _ => compile());
            last = new Compiled(model, query);
            return query;
        }

        private sealed record Compiled(IModel Model, TQuery Query);
    }
}
