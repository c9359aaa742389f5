using Ekuiper.Application.DataImport;
using MediatR;

namespace Ekuiper.Application.Common.Behaviours;

/// <summary>
/// A request that changes the store (or, to check it, takes the store's write lock) outside the import path:
/// the per-resource REST commands. Imports queue in <see cref="IImportGate"/> themselves.
/// </summary>
public interface IStoreWrite;

/// <summary>
/// Puts every <see cref="IStoreWrite"/> request in the one import line, so that a REST write waits its turn behind a
/// running import however long that takes, instead of waiting on SQLite's write lock, which gives up with
/// "database is locked" after the busy timeout.
/// </summary>
public sealed class StoreWriteBehaviour<TRequest, TResponse>(IImportGate gate) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IStoreWrite)
        {
            return await next();
        }
        using var turn = gate.Join();
        await turn.WaitAsync(cancellationToken);
        return await next();
    }
}
