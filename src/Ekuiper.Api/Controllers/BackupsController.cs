using Ekuiper.Api.Http;
using Ekuiper.Application.Backups;
using Ekuiper.Application.Backups.Commands.RestoreBackup;
using Ekuiper.Application.Backups.Queries.GetBackup;
using Ekuiper.Application.Backups.Queries.ListBackups;
using Ekuiper.Application.DataExport.Queries.ExportRuleset;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>The automatic backups taken before every full import and restore.</summary>
[ApiController]
public sealed class BackupsController(IMediator mediator) : ControllerBase
{
    /// <summary>The kept backups, newest first: id, time, reason, size and entries per section.</summary>
    [HttpGet("/data/backups")]
    public async Task<IReadOnlyList<BackupDto>> List(CancellationToken cancellationToken) =>
        await mediator.Send(new ListBackups(), cancellationToken);

    /// <summary>Downloads one backup, in the export format.</summary>
    [HttpGet("/data/backups/{id}")]
    public async Task<IActionResult> Download(string id, CancellationToken cancellationToken) =>
        File(await mediator.Send(new GetBackup(id), cancellationToken), "application/octet-stream", ExportedRuleset.FileName);

    /// <summary>Restores a backup: a full import of its content (backed up first, If-Match honoured), answered as an import.</summary>
    [HttpPost("/data/backups/{id}/restore")]
    public async Task<IActionResult> Restore(string id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RestoreBackup(id, Request.ExpectedRevisions()), cancellationToken);
        return ImportResponses.From(result, Response);
    }
}
