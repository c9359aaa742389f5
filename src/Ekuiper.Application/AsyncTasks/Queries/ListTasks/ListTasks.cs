using AutoMapper;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Common.Queries;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.AsyncTasks.Queries.ListTasks;

/// <summary>GET /async/tasks: the most recent tasks, newest first.</summary>
public sealed record ListTasks : IRequest<IReadOnlyList<AsyncTaskDto>>
{
    public const int Limit = 100;
}

public sealed class ListTasksHandler(ITaskStore store, IMapper mapper)
    : IRequestHandler<ListTasks, IReadOnlyList<AsyncTaskDto>>
{
    public async Task<IReadOnlyList<AsyncTaskDto>> Handle(ListTasks request, CancellationToken cancellationToken)
    {
        var records = await HotReads.RecentTasks(store.Context, ListTasks.Limit).ToListAsync(cancellationToken);
        return mapper.Map<List<AsyncTaskDto>>(records);
    }
}
