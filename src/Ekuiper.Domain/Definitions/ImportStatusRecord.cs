namespace Ekuiper.Domain.Definitions;

/// <summary>The outcome of the last import, persisted so that GET /data/import/status survives a restart.</summary>
public class ImportStatusRecord
{
    /// <summary>There is only ever one record; its id is fixed.</summary>
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The import report as JSON (section → key → error).</summary>
    public required string ReportJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
