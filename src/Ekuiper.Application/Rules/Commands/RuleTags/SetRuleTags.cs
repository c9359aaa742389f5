using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules.Commands.RuleTags;

/// <summary>How PUT, PATCH and DELETE /rules/{id}/tags change a rule's tags.</summary>
public enum RuleTagChange
{
    /// <summary>PUT: the tags become the ones sent.</summary>
    Reset,

    /// <summary>PATCH: the sent tags the rule lacks are appended.</summary>
    Add,

    /// <summary>DELETE: the sent tags are removed.</summary>
    Remove,
}

/// <summary>
/// PUT|PATCH|DELETE /rules/{id}/tags with <c>{"tags":[…]}</c>: the tags are kept in the rule's stored JSON, which
/// eKuiper re-marshals (<see cref="GoJsonRemarshal"/>), so GET /rules/{id}, the rule list and the export carry them.
/// </summary>
public sealed record SetRuleTags(string Id, string Body, RuleTagChange Change) : IRequest<Unit>, IStoreWrite;

public sealed class SetRuleTagsHandler(IEkuiperDbContext db, StoreWriteUnit unit) : IRequestHandler<SetRuleTags, Unit>
{
    public async Task<Unit> Handle(SetRuleTags request, CancellationToken cancellationToken)
    {
        var asked = RuleTagsBody.Parse(request.Body);
        var rule = await db.Rules.FirstOrDefaultAsync(r => r.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException($"Get rule error: Rule {request.Id} is not found.");
        var json = GoJsonRemarshal.Rewrite(rule.Json, map => Apply(map, asked, request.Change))
            ?? throw new InvalidRequestException($"update rule labels error: the stored rule {request.Id} is not a JSON object of float64 numbers");
        if (json == rule.Json)
        {
            return Unit.Value;
        }
        rule.Json = json;
        await db.SaveChangesAsync(cancellationToken);
        db.ClearTracked();
        unit.Changed();
        return Unit.Value;
    }

    private static void Apply(IDictionary<string, object?> map, IReadOnlyList<string>? asked, RuleTagChange change)
    {
        if (change == RuleTagChange.Reset)
        {
            map["tags"] = asked;
            return;
        }
        if (!map.TryGetValue("tags", out var current))
        {
            current = new List<object?>();
        }
        if (current is not List<object?> list)
        {
            return; // tags that are not a list (null) stay as they are, as in eKuiper
        }
        var existing = list.Select(tag => tag as string ?? string.Empty).ToList();
        var sent = asked ?? [];
        if (change == RuleTagChange.Add)
        {
            var had = existing.ToHashSet(StringComparer.Ordinal);
            existing.AddRange(sent.Where(tag => !had.Contains(tag)));
            map["tags"] = existing;
        }
        else
        {
            var gone = sent.ToHashSet(StringComparer.Ordinal);
            map["tags"] = existing.Where(tag => !gone.Contains(tag)).ToList();
        }
    }
}
