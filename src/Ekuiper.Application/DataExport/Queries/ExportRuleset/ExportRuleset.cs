using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Common.Queries;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.DataExport.Queries.ExportRuleset;

/// <summary>
/// The store as an import/export document: everything, or — with <paramref name="RuleIds"/> — those rules and the
/// closure of what they need.
/// </summary>
public sealed record ExportRuleset(IReadOnlyList<string>? RuleIds = null) : IRequest<ExportedRuleset>;

/// <summary>
/// An export file: the document, written when asked onto a stream, and the name eKuiper gives the download. A whole
/// store is read as it is written and never held in memory, so the writing reads the store through the handler's
/// context and read snapshot: call <see cref="WriteToAsync"/> (once) within the scope that sent the request.
/// </summary>
/// <param name="Revision">The store's revision the content is of (sent as the ETag).</param>
public sealed record ExportedRuleset(Func<Stream, CancellationToken, Task> Write, long Revision)
{
    public const string FileName = "ekuiper_export.json";

    public Task WriteToAsync(Stream destination, CancellationToken cancellationToken) => Write(destination, cancellationToken);
}

public sealed class ExportRulesetHandler(IEkuiperDbContext db, IFunctionCatalogue functions) : IRequestHandler<ExportRuleset, ExportedRuleset>
{
    public async Task<ExportedRuleset> Handle(ExportRuleset request, CancellationToken cancellationToken)
    {
        // One committed state for every table and the revision, even while an import commits.
        var snapshot = await db.BeginReadSnapshotAsync(cancellationToken);
        long revision;
        try
        {
            revision = await StoreRevision.ReadAsync(db, cancellationToken);
        }
        catch
        {
            await snapshot.DisposeAsync();
            throw;
        }
        if (request.RuleIds is null)
        {
            // The rows are streamed when the response is written; the snapshot lasts until then, so the document is
            // of the revision just read.
            return new ExportedRuleset(async (destination, token) =>
            {
                await using (snapshot)
                {
                    await new StoreExportWriter(db).WriteAsync(destination, token);
                }
            }, revision);
        }

        await using var closureSnapshot = snapshot;

        var ids = request.RuleIds.Distinct(StringComparer.Ordinal).ToList();
        var rules = await HotReads.Rules(db.Context, ids, cancellationToken);
        var found = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        if (ids.FirstOrDefault(id => !found.Contains(id)) is { } missing)
        {
            throw new NotFoundException($"rule {missing} is not found");
        }

        // Only what the chosen rules can possibly need is read — their streams, the config keys named like their
        // streams' CONF_KEYs or their actions' resourceIds, and connections — and RulesetClosure then picks exactly:
        // a store of 100,000 streams is not read to export ten rules.
        var dependencies = RulesetClosure.Analyze(rules);
        var sourceNames = dependencies.SelectMany(d => d.Sources).Distinct(StringComparer.Ordinal).ToList();
        var streams = await HotReads.Streams(db.Context, sourceNames, cancellationToken);
        var configKeyNames = streams.Select(s => s.ConfKey)
            .Concat(dependencies.SelectMany(d => d.SinkResources).Select(r => r.ResourceId))
            .Distinct(StringComparer.Ordinal).ToList();
        var configKeys = await HotReads.ConnectionsOrKeys(db.Context, configKeyNames, cancellationToken);
        var artifacts = await HotReads.Artifacts(db.Context, cancellationToken);
        // A portable plugin's sinks and sources come from its manifest; rows of older versions get theirs from the
        // catalogue (their bundle or files), here in memory only.
        if (artifacts.Any(a => a.Kind == Domain.Definitions.ArtifactKind.PortablePlugin && a.PluginInfoJson is null))
        {
            var manifests = (await functions.PortablePluginsAsync(cancellationToken)).ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var plugin in artifacts.Where(a => a.Kind == Domain.Definitions.ArtifactKind.PortablePlugin && a.PluginInfoJson is null))
            {
                plugin.PluginInfoJson = manifests.GetValueOrDefault(plugin.Key)?.Write();
            }
        }
        var ruleset = RulesetClosure.Compute(rules, dependencies, streams, configKeys, artifacts, functions.Of(artifacts));
        var document = RulesetDocument.Write(ruleset);
        return new ExportedRuleset((destination, token) => destination.WriteAsync(document, token).AsTask(), revision);
    }
}
