using AutoMapper;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.AsyncTasks.Queries.GetTask;

/// <summary>GET /async/task/{id}: the task as stored, with a running task's live progress as its message.</summary>
public sealed record GetTask(string TaskId) : IRequest<AsyncTaskDto>;

public sealed class GetTaskHandler(ITaskStore store, IMapper mapper, LiveImports liveImports)
    : IRequestHandler<GetTask, AsyncTaskDto>
{
    public async Task<AsyncTaskDto> Handle(GetTask request, CancellationToken cancellationToken)
    {
        var record = await store.AsyncTasks.AsNoTracking().Where(t => t.Id == request.TaskId).WithoutRequest().FirstOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException(AsyncTaskMessages.NotFound(request.TaskId));
        var task = mapper.Map<AsyncTaskDto>(record);
        liveImports.ApplyLiveState(task);
        return task;
    }
}
