using Ekuiper.Infrastructure.Jobs;
using Ekuiper.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ekuiper.Infrastructure.Health;

/// <summary>
/// What /readyz checks (docs/operations.md): <see cref="StoreName"/>, both stores reachable with every migration
/// applied, on either provider; <see cref="JobsName"/>, Hangfire's storage answering. Each gets
/// <see cref="Timeout"/>: a database that does not answer makes the server not ready, never a hanging probe.
/// </summary>
public static class ReadinessChecks
{
    /// <summary>The tag of the checks /readyz runs (/healthz runs none).</summary>
    public const string ReadyTag = "ready";

    public const string StoreName = "store";
    public const string JobsName = "jobs";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder builder) => builder
        .AddCheck<StoreReadinessCheck>(StoreName, HealthStatus.Unhealthy, [ReadyTag], Timeout)
        .AddCheck<JobStorageReadinessCheck>(JobsName, HealthStatus.Unhealthy, [ReadyTag], Timeout);
}

/// <summary>
/// The definitions store and the task store: each can be connected to (SQLite: its file exists — a connection would
/// create a missing one; PostgreSQL: the database answers) and has no migration of this version pending; and the
/// start has installed the store's artifacts into the data directory (<see cref="StartupGate"/>).
/// </summary>
public sealed class StoreReadinessCheck(IServiceScopeFactory scopes, StartupGate start) : IHealthCheck
{
    public const string StartingDescription = "the server is starting: the previous run's tasks and the store's artifacts are not in place yet";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!start.IsOpen)
        {
            return HealthCheckResult.Unhealthy(StartingDescription);
        }
        if (start.Failure is { } failure)
        {
            return HealthCheckResult.Unhealthy($"the server's start failed: {failure.Message}", failure);
        }
        using var scope = scopes.CreateScope();
        var stores = new (string Name, DbContext Store)[]
        {
            ("definitions", StoreSetup.Definitions(scope.ServiceProvider)),
            ("tasks", StoreSetup.Tasks(scope.ServiceProvider)),
        };
        foreach (var (name, store) in stores)
        {
            try
            {
                if (await Unready(store, cancellationToken).WaitAsync(cancellationToken) is { } reason)
                {
                    return HealthCheckResult.Unhealthy($"the {name} store {reason}");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"the {name} store cannot be reached: {e.Message}", e);
            }
        }
        return HealthCheckResult.Healthy();
    }

    /// <returns>Why the store is not ready, or null.</returns>
    private static async Task<string?> Unready(DbContext store, CancellationToken cancellationToken)
    {
        if (!await store.Database.CanConnectAsync(cancellationToken))
        {
            return "cannot be reached";
        }
        var pending = (await store.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0 ? null : $"has {pending.Count} migration(s) not applied, the first {pending[0]}";
    }
}

/// <summary>Hangfire's storage answers a statistics query (its own tables: PostgreSQL's schema "hangfire").</summary>
public sealed class JobStorageReadinessCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's API is synchronous: run it aside, so that the check's timeout is kept even when it hangs.
            await Task.Run(services.RequireJobStorage, cancellationToken).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the job storage does not answer: {e.Message}", e);
        }
    }
}
