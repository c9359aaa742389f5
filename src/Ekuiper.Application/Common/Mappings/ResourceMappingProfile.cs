using AutoMapper;
using Ekuiper.Application.Artifacts;
using Ekuiper.Application.Rules;
using Ekuiper.Application.Streams;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Sql.Ast;

namespace Ekuiper.Application.Common.Mappings;

/// <summary>Stored definitions to the flat list items of the per-resource endpoints.</summary>
public sealed class ResourceMappingProfile : Profile
{
    public ResourceMappingProfile()
    {
        // eKuiper lists a rule without tags with "tags": null, not an empty list.
        AllowNullCollections = true;

        CreateMap<StreamStatement, StreamDetailDto>()
            .ForMember(d => d.Name, o => o.MapFrom(s => s.Name))
            .ForMember(d => d.Type, o => o.MapFrom(s => StreamDescriber.TypeAndFormat(s.Options).Type))
            .ForMember(d => d.Format, o => o.MapFrom(s => StreamDescriber.TypeAndFormat(s.Options).Format));

        CreateMap<RuleDefinition, RuleSummaryDto>()
            .ForMember(d => d.Id, o => o.MapFrom(r => r.Id))
            .ForMember(d => d.Name, o => o.MapFrom(r => RuleJson.DisplayName(r.Json, r.Id)))
            .ForMember(d => d.Status, o => o.MapFrom(r => RuleStatuses.Of(r.Triggered)))
            .ForMember(d => d.Tags, o => o.MapFrom(r => RuleJson.ReadTags(r.Json)))
            .ForMember(d => d.Trace, o => o.MapFrom(_ => false))
            .ForMember(d => d.Version, o => o.MapFrom(r => r.Version ?? string.Empty));
    }
}
