using AutoMapper;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Common.Queries;
using MediatR;

namespace Ekuiper.Application.AsyncTasks.Queries.GetTask;

/// <summary>GET /async/task/{id}: the task as stored: a running task's progress is in its message.</summary>
public sealed record GetTask(string TaskId) : IRequest<AsyncTaskDto>;

public sealed class GetTaskHandler(ITaskStore store, IMapper mapper)
    : IRequestHandler<GetTask, AsyncTaskDto>
{
    public async Task<AsyncTaskDto> Handle(GetTask request, CancellationToken cancellationToken)
    {
        var record = await HotReads.Task(store.Context, request.TaskId, cancellationToken)
                     ?? throw new InvalidRequestException(AsyncTaskMessages.NotFound(request.TaskId));
        return mapper.Map<AsyncTaskDto>(record);
    }
}
