using System.Data;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ekuiper.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// The store of definitions over PostgreSQL: the same model as <see cref="EkuiperDbContext"/>, with its own migrations
/// (PostgreSql/Migrations), every text column in the <c>"C"</c> collation (so keys sort and compare byte by byte, as on
/// SQLite, whatever the database's default collation), a write lock that serialises writers of every process, a
/// repeatable-read snapshot for exports, and bulk upserts of whole batches.
/// </summary>
public sealed class PostgreSqlEkuiperDbContext(DbContextOptions<PostgreSqlEkuiperDbContext> options) : EkuiperDbContext(options)
{
    /// <summary>
    /// The transaction-level advisory lock every write transaction takes first: one writer at a time across all the
    /// processes on this database, held until commit or rollback ("ekuiper" in ASCII).
    /// </summary>
    public const long WriteLockKey = 0x656B7569706572;

    public override async Task<IDbContextTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var transaction = await Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            // Read committed after the lock: every statement of this write sees what the writer before it committed.
            await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriteLockKey})", cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public override async Task<IAsyncDisposable> BeginReadSnapshotAsync(CancellationToken cancellationToken)
    {
        var transaction = await Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        try
        {
            // One snapshot for every query until it ends, taken at its first query; writers never wait for it.
            await Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The task rows (<see cref="PostgreSqlTaskStoreDbContext"/>) live in this database: the outcome is one more
    /// statement of the import's own transaction. A task marked interrupted by another server, or asked to cancel,
    /// is no longer "running, owned by <paramref name="owner"/>, not cancelled" and does not move.
    /// </summary>
    public override async Task<bool?> RecordTaskOutcomeAsync(string taskId, string owner, TaskOutcome outcome, CancellationToken cancellationToken)
    {
        var moved = await Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "AsyncTasks"
            SET "Status" = {outcome.Status}, "Message" = {outcome.Message}, "Content" = NULL, "LeaseExpiresAt" = NULL,
                "UpdatedAt" = {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}
            WHERE "Id" = {taskId} AND "Owner" = {owner} AND "Status" = {AsyncTaskStatus.Running} AND NOT "CancelRequested"
            """, cancellationToken);
        return moved == 1;
    }

    public override Task<int> UpsertRangeAsync<TEntity>(IReadOnlyCollection<TEntity> rows, CancellationToken cancellationToken) =>
        PostgreSqlBulkUpsert.RunAsync(this, rows, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        PostgreSqlModel.UseByteOrderCollation(modelBuilder);
    }
}
