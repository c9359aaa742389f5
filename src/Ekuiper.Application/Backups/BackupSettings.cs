namespace Ekuiper.Application.Backups;

/// <summary>How many automatic backups are kept (Ekuiper:Backups:Keep); 0 takes none.</summary>
public sealed record BackupSettings(int Keep)
{
    public const int DefaultKeep = 10;

    public static readonly BackupSettings Default = new(DefaultKeep);
}
