using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataImport;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Ruleset;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Backups.Commands.RestoreBackup;

/// <summary>
/// POST /data/backups/{id}/restore: a full import of the backup's content. It is an import like any other — one store
/// write that waits its turn in the import line, honours <paramref name="ExpectedRevisions"/> (If-Match) and is itself
/// backed up first. Its plugins, services, schemas and uploads are installed from the bytes the backup kept in the
/// store (<see cref="BackupArtifacts"/>), so a restore needs none of their URLs.
/// </summary>
public sealed record RestoreBackup(string Id, IReadOnlyCollection<long>? ExpectedRevisions = null)
    : IRequest<ImportRulesetResult>, IStoreWrite;

public sealed class RestoreBackupHandler(IEkuiperDbContext db, DocumentImport import) : IRequestHandler<RestoreBackup, ImportRulesetResult>
{
    public async Task<ImportRulesetResult> Handle(RestoreBackup request, CancellationToken cancellationToken)
    {
        // Read inside the restore's own write: the backup is the one stored when its turn came.
        var backup = await db.Backups.AsNoTracking().Where(b => b.Id == request.Id).Select(b => new { b.Content, b.ArtifactsJson })
                          .FirstOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException(BackupMessages.NotFound(request.Id));
        // The artifacts come back from the blobs the backup kept, not from their URLs, which may be gone by now.
        return await import.RunAsync(new ImportRuleset(backup.Content, null, ImportMode.Reset)
        {
            BackupReason = BackupMessages.BeforeRestoreOf(request.Id),
        }, cancellationToken, BackupArtifacts.Read(backup.ArtifactsJson));
    }
}
