using Ekuiper.Application.Common.Interfaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Backups.Queries.ListBackups;

/// <summary>GET /data/backups: the kept backups, newest first, without their content.</summary>
public sealed record ListBackups : IRequest<IReadOnlyList<BackupDto>>;

public sealed class ListBackupsHandler(IEkuiperDbContext db) : IRequestHandler<ListBackups, IReadOnlyList<BackupDto>>
{
    public async Task<IReadOnlyList<BackupDto>> Handle(ListBackups request, CancellationToken cancellationToken)
    {
        var rows = await StoreBackups.Newest(db.Backups.AsNoTracking())
            .Select(b => new { b.Id, b.CreatedAt, b.Reason, b.CountsJson, Size = b.Content.Length })
            .ToListAsync(cancellationToken);
        return rows.Select(b => new BackupDto
        {
            Id = b.Id,
            Time = b.CreatedAt,
            Reason = b.Reason,
            Size = b.Size,
            Counts = StoreBackups.ReadCounts(b.CountsJson),
        }).ToList();
    }
}
