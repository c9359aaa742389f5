using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataExport.Queries.ExportRuleset;
using MediatR;

namespace Ekuiper.Application.DataExport.Queries.ExportRulesetYaml;

/// <summary>The whole store as eKuiper's YAML document (GET /v2/data/export).</summary>
public sealed record ExportRulesetYaml : IRequest<ExportedFile>;

/// <summary>An export held whole: its bytes, the name eKuiper gives the download, and the store's revision (the ETag).</summary>
public sealed record ExportedFile(byte[] Content, string FileName, long Revision);

/// <summary>
/// Writes the JSON export of one read snapshot (<see cref="ExportRulesetHandler"/>) and translates it: the YAML
/// describes exactly the entries the JSON export of the same revision holds.
/// </summary>
public sealed class ExportRulesetYamlHandler(IEkuiperDbContext db, IFunctionCatalogue functions, IRulesetYaml yaml)
    : IRequestHandler<ExportRulesetYaml, ExportedFile>
{
    public const string FileName = "ekuiper_export.yaml";

    public async Task<ExportedFile> Handle(ExportRulesetYaml request, CancellationToken cancellationToken)
    {
        var (document, revision) = await StoreDocument.ReadAsync(db, functions, cancellationToken);
        return new ExportedFile(yaml.FromDocument(document), FileName, revision);
    }
}

/// <summary>The JSON export of the whole store, in memory, with the revision it is of.</summary>
internal static class StoreDocument
{
    public static async Task<(byte[] Document, long Revision)> ReadAsync(IEkuiperDbContext db, IFunctionCatalogue functions,
        CancellationToken cancellationToken)
    {
        var export = await new ExportRulesetHandler(db, functions).Handle(new ExportRuleset.ExportRuleset(), cancellationToken);
        using var buffer = new MemoryStream();
        await export.WriteToAsync(buffer, cancellationToken);
        return (buffer.ToArray(), export.Revision);
    }
}
