namespace Ekuiper.Domain.Definitions;

/// <summary>Store-wide state: the revision every change bumps, sent as the export's ETag.</summary>
public class StoreState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public long Revision { get; set; }
}
