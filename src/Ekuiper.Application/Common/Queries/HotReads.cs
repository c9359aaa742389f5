using Ekuiper.Application.AsyncTasks;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Sql;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Common.Queries;

/// <summary>
/// The reads pollers, dashboards and health checks repeat (GET /rules/{id}, /streams/{name}, /data/import/status,
/// /async/task/{id}, /async/tasks) and the revision every write and export reads, compiled once with <see cref="EF.CompileAsyncQuery{TContext,TParam1,TResult}(System.Linq.Expressions.Expression{Func{TContext,TParam1,CancellationToken,TResult}})"/>:
/// a LINQ query otherwise builds its expression tree, extracts its parameters from it and looks its compiled form up in
/// EF's cache on every call, which cost about as much as running it. Each runs on the context behind
/// <see cref="Interfaces.IEkuiperDbContext.Context"/> or <see cref="Interfaces.ITaskStore.Context"/> and tracks nothing.
/// </summary>
internal static class HotReads
{
    /// <summary>The store's revision (<see cref="Store.StoreRevision"/>); null when its row is missing.</summary>
    public static readonly Func<DbContext, CancellationToken, Task<long?>> Revision =
        EF.CompileAsyncQuery((DbContext db, CancellationToken _) =>
            db.Set<StoreState>().Where(s => s.Id == StoreState.SingletonId).Select(s => (long?)s.Revision).FirstOrDefault());

    /// <summary>The stored JSON of rule <c>id</c>; null when there is none.</summary>
    public static readonly Func<DbContext, string, CancellationToken, Task<string?>> RuleJson =
        EF.CompileAsyncQuery((DbContext db, string id, CancellationToken _) =>
            db.Set<RuleDefinition>().Where(r => r.Id == id).Select(r => (string?)r.Json).FirstOrDefault());

    /// <summary>The stored stream or table of that kind and name; null when there is none.</summary>
    public static readonly Func<DbContext, string, StreamKind, CancellationToken, Task<StreamDefinition?>> Stream =
        EF.CompileAsyncQuery((DbContext db, string name, StreamKind kind, CancellationToken _) =>
            db.Set<StreamDefinition>().AsNoTracking().FirstOrDefault(s => s.Name == name && s.Kind == kind));

    /// <summary>The last import's report; null before the first import.</summary>
    public static readonly Func<DbContext, CancellationToken, Task<ImportStatusRecord?>> ImportStatus =
        EF.CompileAsyncQuery((DbContext db, CancellationToken _) =>
            db.Set<ImportStatusRecord>().AsNoTracking().FirstOrDefault(s => s.Id == ImportStatusRecord.SingletonId));

    /// <summary>Task <c>id</c> without its request (<see cref="AsyncTaskRows.WithoutRequestColumns"/>); null when there is none.</summary>
    public static readonly Func<DbContext, string, CancellationToken, Task<AsyncTaskRecord?>> Task =
        EF.CompileAsyncQuery((DbContext db, string id, CancellationToken _) =>
            db.Set<AsyncTaskRecord>().AsNoTracking().Where(t => t.Id == id).Select(AsyncTaskRows.WithoutRequestColumns).FirstOrDefault());

    /// <summary>The <c>limit</c> most recent tasks, newest first, without their requests (cancelled through the enumeration).</summary>
    public static readonly Func<DbContext, int, IAsyncEnumerable<AsyncTaskRecord>> RecentTasks =
        EF.CompileAsyncQuery((DbContext db, int limit) =>
            db.Set<AsyncTaskRecord>().AsNoTracking()
                .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
                .Take(limit)
                .Select(AsyncTaskRows.WithoutRequestColumns));
}
