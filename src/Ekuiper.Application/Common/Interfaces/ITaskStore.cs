using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Common.Interfaces;

/// <summary>
/// The records of background tasks, in a store of their own (its own SQLite file in Infrastructure). SQLite has one
/// writer per database file and an import holds that write lock for its whole transaction; registering, cancelling
/// and finishing tasks must not wait for it.
/// </summary>
public interface ITaskStore
{
    DbSet<AsyncTaskRecord> AsyncTasks { get; }

    /// <summary>The EF context itself, which the compiled hot reads (<c>Common/Queries/HotReads</c>) run on.</summary>
    DbContext Context { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    void ClearTracked();
}
