using AutoMapper;
using Ekuiper.Application.AsyncTasks;
using Ekuiper.Domain.Definitions;

namespace Ekuiper.Application.Common.Mappings;

public sealed class AsyncTaskMappingProfile : Profile
{
    public AsyncTaskMappingProfile()
    {
        CreateMap<AsyncTaskRecord, AsyncTaskDto>()
            .ForMember(d => d.CreatedTimestamp, o => o.MapFrom(s => s.CreatedAt.ToUnixTimeSeconds()))
            .ForMember(d => d.UpdatedTimestamp, o => o.MapFrom(s => s.UpdatedAt.ToUnixTimeSeconds()));
    }
}
