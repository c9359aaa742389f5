using AutoMapper;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Common.Queries;
using Ekuiper.Application.Common.Models;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.DataImport.Queries.GetImportStatus;

/// <summary>The errors of the last import, per section; all sections empty when it fully succeeded (or none ran yet).</summary>
public sealed record GetImportStatus : IRequest<ConfigurationDto>;

public sealed class GetImportStatusHandler(IEkuiperDbContext db, IMapper mapper) : IRequestHandler<GetImportStatus, ConfigurationDto>
{
    public async Task<ConfigurationDto> Handle(GetImportStatus request, CancellationToken cancellationToken)
    {
        var record = await HotReads.ImportStatus(db.Context, cancellationToken);
        var report = new ImportReport();
        // The record is written by us from a SectionMap, so it always parses; an unreadable one reads as empty.
        if (record is not null && RulesetDocument.TryParse(record.ReportJson, out var stored, out _))
        {
            report.CopyFrom(stored);
        }
        return mapper.Map<ConfigurationDto>(report);
    }
}
