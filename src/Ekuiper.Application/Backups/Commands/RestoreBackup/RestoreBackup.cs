using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Ruleset;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Backups.Commands.RestoreBackup;

/// <summary>
/// POST /data/backups/{id}/restore: a full import of the backup's content. It is an import like any other — it waits
/// its turn in the import line, honours <paramref name="ExpectedRevisions"/> (If-Match) and is itself backed up first.
/// </summary>
public sealed record RestoreBackup(string Id, IReadOnlyCollection<long>? ExpectedRevisions = null) : IRequest<ImportRulesetResult>;

public sealed class RestoreBackupHandler(IEkuiperDbContext db, IMediator mediator) : IRequestHandler<RestoreBackup, ImportRulesetResult>
{
    public async Task<ImportRulesetResult> Handle(RestoreBackup request, CancellationToken cancellationToken)
    {
        var content = await db.Backups.AsNoTracking().Where(b => b.Id == request.Id).Select(b => b.Content)
                          .FirstOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException(BackupMessages.NotFound(request.Id));
        // The content is held from here on, so the backup may be pruned by the imports ahead in the line.
        return await mediator.Send(new ImportRuleset(content, null, ImportMode.Reset)
        {
            ExpectedRevisions = request.ExpectedRevisions,
            BackupReason = BackupMessages.BeforeRestoreOf(request.Id),
        }, cancellationToken);
    }
}
