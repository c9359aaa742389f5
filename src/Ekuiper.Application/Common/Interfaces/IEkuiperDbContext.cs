using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ekuiper.Application.Common.Interfaces;

/// <summary>The store of definitions, as the use cases see it. Implemented over SQLite in Infrastructure.</summary>
public interface IEkuiperDbContext
{
    DbSet<StreamDefinition> Streams { get; }
    DbSet<RuleDefinition> Rules { get; }
    DbSet<ConfigKey> ConfigKeys { get; }
    DbSet<ArtifactDefinition> Artifacts { get; }
    DbSet<ImportStatusRecord> ImportStatuses { get; }

    /// <summary>Not used: task records live in <see cref="ITaskStore"/> (docs/decisions.md). The table stays in this schema until its migration is next regenerated.</summary>
    DbSet<StoreState> StoreStates { get; }
    DbSet<BackupRecord> Backups { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every tracked entity, so a long import does not keep its rows in memory.</summary>
    void ClearTracked();
}
