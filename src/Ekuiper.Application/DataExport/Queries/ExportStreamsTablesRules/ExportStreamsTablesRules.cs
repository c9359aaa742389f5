using System.Text.Json;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataExport.Queries.ExportRulesetYaml;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.DataExport.Queries.ExportStreamsTablesRules;

/// <summary>
/// eKuiper's older ruleset file (POST /ruleset/export): <c>{"streams":{…},"tables":{…},"rules":{…}}</c>, each entry
/// the text the JSON export holds for it.
/// </summary>
public sealed record ExportStreamsTablesRules : IRequest<ExportedFile>;

public sealed class ExportStreamsTablesRulesHandler(IEkuiperDbContext db, IFunctionCatalogue functions)
    : IRequestHandler<ExportStreamsTablesRules, ExportedFile>
{
    /// <summary>The name eKuiper gives this download (the same as the JSON export's).</summary>
    public const string FileName = "ekuiper_export.json";

    private static readonly RulesetSection[] Sections = [RulesetSection.Streams, RulesetSection.Tables, RulesetSection.Rules];

    public async Task<ExportedFile> Handle(ExportStreamsTablesRules request, CancellationToken cancellationToken)
    {
        var (document, revision) = await StoreDocument.ReadAsync(db, functions, cancellationToken);
        using var json = JsonDocument.Parse(document);
        var content = JsonText.WriteBytes(writer =>
        {
            writer.WriteStartObject();
            foreach (var section in Sections)
            {
                writer.WriteStartObject(section.WireName());
                foreach (var entry in json.RootElement.GetProperty(section.WireName()).EnumerateObject())
                {
                    entry.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        });
        return new ExportedFile(content, FileName, revision);
    }
}
