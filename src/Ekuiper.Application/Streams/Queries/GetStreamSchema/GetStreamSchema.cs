using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Sql;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Streams.Queries.GetStreamSchema;

/// <summary>
/// GET /streams/{name}/schema and GET /tables/{name}/schema: the declared fields as eKuiper's JSON schema
/// (<see cref="StreamDescriber.JsonSchema"/>), or for a schemaless shared stream the fields its running rules read;
/// the answer is JSON text.
/// </summary>
public sealed record GetStreamSchema(StreamKind Kind, string Name) : IRequest<string>;

/// <summary>eKuiper's stream/table error (code 3000), as its schema endpoint answers a missing one.</summary>
public sealed class StreamTableException(string message) : EkuiperException(3000, message);

public sealed class GetStreamSchemaHandler(IEkuiperDbContext db) : IRequestHandler<GetStreamSchema, string>
{
    public async Task<string> Handle(GetStreamSchema request, CancellationToken cancellationToken)
    {
        var word = StreamWords.Lower(request.Kind);
        var stored = await db.Streams.AsNoTracking().FirstOrDefaultAsync(s => s.Name == request.Name, cancellationToken);
        if (stored is null || stored.Kind != request.Kind)
        {
            // eKuiper: "<name> is not found" when nothing has the name, "<kind> <name> is not found" when the other kind has it.
            var missing = stored is null ? $"{request.Name} is not found" : StreamWords.NotFound(request.Kind, request.Name);
            throw new StreamTableException($"get schema of {word} error: Describe {word} fails, {missing}.");
        }
        var statement = StoredStreams.Parse(stored);
        if (statement.Fields.Count == 0 && string.IsNullOrEmpty(statement.Options.SchemaId) && IsShared(statement.Options.Shared))
        {
            return await InferredFromRulesAsync(request.Name, cancellationToken);
        }
        return StreamDescriber.JsonSchema(statement);
    }

    /// <summary>SHARED as Go's strconv.ParseBool reads it.</summary>
    private static bool IsShared(string? value) => value is "1" or "t" or "T" || bool.TryParse(value, out var shared) && shared;

    /// <summary>
    /// A schemaless shared stream's schema as eKuiper's shared layer merges it from the rules running on the stream: the
    /// fields they read, each without a type (<c>null</c>); <c>null</c> when no rule runs on it or one reads it whole.
    /// </summary>
    private async Task<string> InferredFromRulesAsync(string streamName, CancellationToken cancellationToken)
    {
        var running = await db.Rules.AsNoTracking().Where(r => r.Triggered).Select(r => r.Json).ToListAsync(cancellationToken);
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        var anyReads = false;
        foreach (var json in running)
        {
            var sql = Rules.RuleJson.ReadString(json, "sql");
            if (string.IsNullOrEmpty(sql) || SelectParser.Parse(sql) is not { Succeeded: true } parsed
                || !parsed.Value!.AllSources().Any(source => source.Name == streamName))
            {
                continue;
            }
            anyReads = true;
            if (SqlReferences.FieldsRead(parsed.Value!, streamName) is not { } read)
            {
                return "null";
            }
            fields.UnionWith(read);
        }
        return anyReads ? "{" + string.Join(",", fields.Select(field => Rules.GoJsonRemarshal.Quote(field) + ":null")) + "}" : "null";
    }
}
