using Ekuiper.Application.Common;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.DataImport;
using Ekuiper.Domain.Ruleset;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules.Queries.ValidateRule;

/// <summary>
/// POST /rules/validate: whether the rule JSON would be accepted, and which streams it reads. Nothing is stored.
/// </summary>
public sealed record ValidateRule(string Json) : IRequest<RuleValidation>;

/// <summary>The rule is checked by the import's own checks, through <see cref="SingleEntryImport"/>, as a create is.</summary>
public sealed class ValidateRuleHandler(IEkuiperDbContext db) : IRequestHandler<ValidateRule, RuleValidation>
{
    public async Task<RuleValidation> Handle(ValidateRule request, CancellationToken cancellationToken)
    {
        if (!JsonBody.TryReadString(request.Json, "id", out var id, out var decodeError))
        {
            return RuleValidation.Invalid($"invalid rule json: {decodeError}");
        }
        var error = await new SingleEntryImport(db).CheckAsync(RulesetSection.Rules, id ?? string.Empty, request.Json, cancellationToken);
        if (error is not null)
        {
            return RuleValidation.Invalid($"invalid rule json: {error}");
        }

        // A graph rule declares its sources inline; only a SQL rule names stored streams.
        var sql = RuleJson.ReadString(request.Json, "sql");
        List<string> sources = string.IsNullOrEmpty(sql) ? [] : SqlSourceNames.Of(sql).ToList();
        var stored = await db.Streams.AsNoTracking()
            .Where(s => sources.Contains(s.Name))
            .Select(s => s.Name)
            .ToListAsync(cancellationToken);
        var missing = sources.FirstOrDefault(source => !stored.Contains(source));
        return missing is null ? new RuleValidation(true, sources, null) : RuleValidation.Invalid($"stream or table {missing} is not found");
    }
}
