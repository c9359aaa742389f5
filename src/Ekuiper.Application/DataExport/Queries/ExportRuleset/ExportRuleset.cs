using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.DataExport.Queries.ExportRuleset;

/// <summary>The whole store as an import/export document.</summary>
public sealed record ExportRuleset : IRequest<ExportedRuleset>;

/// <summary>An export file: the document bytes and the name eKuiper gives the download.</summary>
public sealed record ExportedRuleset(byte[] Content)
{
    public const string FileName = "ekuiper_export.json";
}

public sealed class ExportRulesetHandler(IEkuiperDbContext db) : IRequestHandler<ExportRuleset, ExportedRuleset>
{
    public async Task<ExportedRuleset> Handle(ExportRuleset request, CancellationToken cancellationToken)
    {
        var ruleset = new Ruleset();
        await foreach (var stream in db.Streams.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            ruleset.Set(SectionKinds.SectionOf(stream.Kind), stream.Name, stream.Statement);
        }
        await foreach (var rule in db.Rules.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            ruleset.Set(RulesetSection.Rules, rule.Id, rule.Json);
        }
        var configKeys = await db.ConfigKeys.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var type in configKeys.GroupBy(k => (k.Category, k.PluginType)))
        {
            ruleset.Set(SectionKinds.SectionOf(type.Key.Category), type.Key.PluginType, ConfigEntryComposer.Compose(type));
        }
        await foreach (var artifact in db.Artifacts.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            ruleset.Set(SectionKinds.SectionOf(artifact.Kind), artifact.Key, artifact.Json);
        }
        return new ExportedRuleset(RulesetDocument.Write(ruleset));
    }
}
