using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.DataExport;

/// <summary>
/// Writes the whole store as one export document, streaming the big sections (streams, tables, rules) row by row
/// from the database to the destination, so that exporting 100,000 rules needs little more memory than one. The
/// caller holds the read snapshot the rows are read in.
/// </summary>
internal sealed class StoreExportWriter(IEkuiperDbContext db)
{
    /// <returns>How many entries each section got, indexed by <see cref="RulesetSection"/>.</returns>
    public async Task<int[]> WriteAsync(Stream destination, CancellationToken cancellationToken)
    {
        // Config keys and artifacts are few (a sourceConfig entry is all the keys of one type): read whole and
        // composed by the composer, the one place that knows which definition goes where.
        var small = RulesetComposer.Compose([], [],
            await db.ConfigKeys.AsNoTracking().ToListAsync(cancellationToken),
            await db.Artifacts.AsNoTracking().ToListAsync(cancellationToken));
        return await RulesetDocument.WriteAsync(destination, section => EntriesOf(section, small), cancellationToken);
    }

    /// <remarks>
    /// The store orders keys by their UTF-8 bytes, which for stream, table and rule ids (letters, digits, '_' and
    /// '-' only, by the id rule) is the ordinal order the document is written in.
    /// </remarks>
    private IAsyncEnumerable<KeyValuePair<string, string>> EntriesOf(RulesetSection section, Ruleset small)
    {
        if (SectionKinds.Streams.Any(s => s.Section == section))
        {
            var kind = SectionKinds.Streams.First(s => s.Section == section).Kind;
            return db.Streams.AsNoTracking().Where(s => s.Kind == kind).OrderBy(s => s.Name)
                .Select(s => new KeyValuePair<string, string>(s.Name, s.Statement))
                .AsAsyncEnumerable();
        }
        if (section == RulesetSection.Rules)
        {
            return db.Rules.AsNoTracking().OrderBy(r => r.Id)
                .Select(r => new KeyValuePair<string, string>(r.Id, r.Json))
                .AsAsyncEnumerable();
        }
        return small[section].ToAsyncEnumerable();
    }
}
