using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Store;

/// <summary>How a REST delete removes what it names, inside its store write.</summary>
public static class StoreDeletes
{
    /// <summary>
    /// Deletes the rows <paramref name="rows"/> selects, set-based, and tells <paramref name="unit"/> that the store
    /// changed; when there is none, throws <paramref name="whenNone"/>'s exception (and nothing changed).
    /// </summary>
    public static async Task DeleteAsync<T>(this IQueryable<T> rows, StoreWriteUnit unit, Func<Exception> whenNone,
        CancellationToken cancellationToken)
    {
        if (await rows.ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw whenNone();
        }
        unit.Changed();
    }
}
