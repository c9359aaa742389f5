using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Backups.Queries.GetBackup;

/// <summary>GET /data/backups/{id}: the backup in the export format.</summary>
public sealed record GetBackup(string Id) : IRequest<byte[]>;

public sealed class GetBackupHandler(IEkuiperDbContext db) : IRequestHandler<GetBackup, byte[]>
{
    public async Task<byte[]> Handle(GetBackup request, CancellationToken cancellationToken) =>
        await db.Backups.AsNoTracking().Where(b => b.Id == request.Id).Select(b => b.Content).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(BackupMessages.NotFound(request.Id));
}
