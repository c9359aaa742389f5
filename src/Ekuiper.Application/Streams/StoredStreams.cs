using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Sql;
using Ekuiper.Domain.Sql.Ast;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Streams;

/// <summary>Reads the stored streams or tables of one kind, with their statements parsed.</summary>
internal static class StoredStreams
{
    public static async Task<List<StreamDefinition>> OfKindAsync(IEkuiperDbContext db, StreamKind kind, CancellationToken cancellationToken) =>
        await OfKind(db, kind).ToListAsync(cancellationToken);

    /// <summary>The names of the stored streams or tables of one kind, in the order <see cref="OfKindAsync"/> reads them.</summary>
    public static async Task<List<string>> NamesOfKindAsync(IEkuiperDbContext db, StreamKind kind, CancellationToken cancellationToken) =>
        await OfKind(db, kind).Select(s => s.Name).ToListAsync(cancellationToken);

    private static IQueryable<StreamDefinition> OfKind(IEkuiperDbContext db, StreamKind kind) =>
        db.Streams.AsNoTracking().Where(s => s.Kind == kind).OrderBy(s => s.Name);

    /// <summary>
    /// The statement of a stored definition. Every stored statement passed the parser on its way in, so this only
    /// fails for a store edited by hand; such an entry is then described by its name alone rather than failing the call.
    /// </summary>
    public static StreamStatement Parse(StreamDefinition definition)
    {
        var parsed = DdlParser.Parse(definition.Statement);
        return parsed.Succeeded
            ? parsed.Value!
            : new StreamStatement(definition.Name, definition.Kind, [], StreamOptions.Empty with { Type = definition.SourceType });
    }

    /// <summary>
    /// eKuiper's ?kind= filter of GET /tables: "scan" keeps tables without KIND or with KIND scan, "lookup" keeps lookup
    /// tables, and any other value (or none) keeps all.
    /// </summary>
    public static bool MatchesTableKind(StreamStatement statement, string? tableKind) => tableKind?.ToLowerInvariant() switch
    {
        "scan" => string.IsNullOrEmpty(statement.Options.Kind) || statement.Options.Kind.Equals("scan", StringComparison.OrdinalIgnoreCase),
        "lookup" => string.Equals(statement.Options.Kind, "lookup", StringComparison.OrdinalIgnoreCase),
        _ => true,
    };
}
