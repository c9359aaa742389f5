using Ekuiper.Application.AsyncTasks;
using Ekuiper.Application.AsyncTasks.Commands.RenewTaskLeases;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ekuiper.Infrastructure.Jobs;

/// <summary>
/// Sends <see cref="RenewTaskLeases"/> every <see cref="TaskSettings.Tick"/> while the host runs: leases and progress
/// of this server's running tasks, cancels asked for through other servers, and (PostgreSQL) the tasks of servers that
/// stopped. A tick that fails (the database briefly unreachable) is logged and the next one tries again.
/// </summary>
public sealed class TaskLeaseService(IServiceScopeFactory scopes, TaskSettings settings, ILogger<TaskLeaseService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var marked = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RenewTaskLeases(), stoppingToken);
            if (marked > 0)
            {
                logger.LogWarning("Marked {Count} running task(s) of stopped servers as interrupted", marked);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Renewing task leases failed: {Reason}", e.Message);
        }
    }
}
