using AutoMapper;
using Ekuiper.Application.Common.Models;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Common.Mappings;

/// <summary>Maps the domain's twelve-section maps to the flat wire DTO, section by section.</summary>
public sealed class RulesetMappingProfile : Profile
{
    public RulesetMappingProfile()
    {
        CreateMap<SectionMap, ConfigurationDto>()
            .ForMember(d => d.Streams, o => o.MapFrom(s => Copy(s, RulesetSection.Streams)))
            .ForMember(d => d.Tables, o => o.MapFrom(s => Copy(s, RulesetSection.Tables)))
            .ForMember(d => d.Rules, o => o.MapFrom(s => Copy(s, RulesetSection.Rules)))
            .ForMember(d => d.NativePlugins, o => o.MapFrom(s => Copy(s, RulesetSection.NativePlugins)))
            .ForMember(d => d.PortablePlugins, o => o.MapFrom(s => Copy(s, RulesetSection.PortablePlugins)))
            .ForMember(d => d.SourceConfig, o => o.MapFrom(s => Copy(s, RulesetSection.SourceConfig)))
            .ForMember(d => d.SinkConfig, o => o.MapFrom(s => Copy(s, RulesetSection.SinkConfig)))
            .ForMember(d => d.ConnectionConfig, o => o.MapFrom(s => Copy(s, RulesetSection.ConnectionConfig)))
            .ForMember(d => d.Service, o => o.MapFrom(s => Copy(s, RulesetSection.Service)))
            .ForMember(d => d.Schema, o => o.MapFrom(s => Copy(s, RulesetSection.Schema)))
            .ForMember(d => d.Uploads, o => o.MapFrom(s => Copy(s, RulesetSection.Uploads)))
            .ForMember(d => d.Scripts, o => o.MapFrom(s => Copy(s, RulesetSection.Scripts)));
        CreateMap<ImportReport, ConfigurationDto>().IncludeBase<SectionMap, ConfigurationDto>();
        CreateMap<Ruleset, ConfigurationDto>().IncludeBase<SectionMap, ConfigurationDto>();
    }

    private static SortedDictionary<string, string> Copy(SectionMap map, RulesetSection section) =>
        new(map[section].ToDictionary(), StringComparer.Ordinal);
}
