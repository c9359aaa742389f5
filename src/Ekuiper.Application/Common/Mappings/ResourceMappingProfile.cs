using AutoMapper;
using Ekuiper.Application.Artifacts;
using Ekuiper.Application.Rules;
using Ekuiper.Application.Rules.Queries.ListRules;
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

        // The listed name and tags are columns of their own (RuleListing): a list of 10,000 rules reads no rule JSON.
        CreateMap<ListedRule, RuleSummaryDto>().ConvertUsing(r => Summary(r));
    }

    private static RuleSummaryDto Summary(ListedRule rule) => new()
    {
        Id = rule.Id,
        Name = rule.Name ?? rule.Id,
        Status = RuleStatuses.Of(rule.Triggered),
        Tags = RuleListing.Tags(rule.TagsJson),
        Trace = false,
        Version = rule.Version ?? string.Empty,
    };
}
