using Ekuiper.Application.AsyncTasks;
using Ekuiper.Application.AsyncTasks.Commands.CancelTask;
using Ekuiper.Application.AsyncTasks.Commands.StartAsyncImport;
using Ekuiper.Application.AsyncTasks.Queries.GetTask;
using Ekuiper.Application.AsyncTasks.Queries.ListTasks;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

[ApiController]
public sealed class AsyncTaskController(IMediator mediator) : EkuiperControllerBase
{
    /// <summary>
    /// Registers an import as a background task and answers its id at once; same body, query and If-Match as
    /// /data/import. A dry run's task finishes with the plan as its message.
    /// </summary>
    [HttpPost("/async/data/import")]
    public async Task<AsyncTaskCreated> Import([FromBody] ImportBody body, [FromQuery] string? partial, [FromQuery] string? stop,
        [FromQuery] string? dryRun, CancellationToken cancellationToken) =>
        await mediator.Send(new StartAsyncImport(ImportQuery.ToRequest(body, partial, stop, dryRun, Request)), cancellationToken);

    /// <summary>A task's status: register, running (message shows progress), finish, error or cancel.</summary>
    [HttpGet("/async/task/{id}")]
    public async Task<AsyncTaskDto> Get(string id, CancellationToken cancellationToken) =>
        await mediator.Send(new GetTask(id), cancellationToken);

    /// <summary>Cancels a task that has not finished; a running import is rolled back.</summary>
    [HttpPost("/async/task/{id}/cancel")]
    public async Task<IActionResult> Cancel(string id, CancellationToken cancellationToken)
    {
        await mediator.Send(new CancelTask(id), cancellationToken);
        return Text(StatusCodes.Status200OK, "cancel success");
    }

    /// <summary>The most recent tasks, newest first.</summary>
    [HttpGet("/async/tasks")]
    public async Task<IReadOnlyList<AsyncTaskDto>> List(CancellationToken cancellationToken) =>
        await mediator.Send(new ListTasks(), cancellationToken);
}
