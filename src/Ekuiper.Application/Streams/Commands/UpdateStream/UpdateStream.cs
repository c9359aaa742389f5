using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Sql;
using MediatR;

namespace Ekuiper.Application.Streams.Commands.UpdateStream;

/// <summary>
/// PUT /streams/{name} and PUT /tables/{name}: replaces the statement, or creates it when absent (eKuiper upserts).
/// The statement must create a <paramref name="Kind"/> named <paramref name="Name"/>; a lower VERSION is refused.
/// </summary>
/// <returns>eKuiper's answer, e.g. "Stream demo is replaced."</returns>
public sealed record UpdateStream(StreamKind Kind, string Name, string? Sql) : IRequest<string>, IStoreWrite;

public sealed class UpdateStreamHandler(SingleEntryImport entries) : IRequestHandler<UpdateStream, string>
{
    public async Task<string> Handle(UpdateStream request, CancellationToken cancellationToken)
    {
        var errorPrefix = StreamWords.CommandError(request.Kind);
        // As eKuiper: a statement of the other kind is "not found" in this collection (404), before any other check.
        if (DdlParser.Parse(request.Sql!) is { Succeeded: true, Value: { } statement } && statement.Kind != request.Kind)
        {
            throw new NotFoundException($"{errorPrefix}: {StreamWords.NotFound(request.Kind, statement.Name)}");
        }
        await StreamTableRefusals.Of(entries.WriteAsync(
            SectionKinds.SectionOf(request.Kind),
            request.Name,
            request.Sql!,
            snapshot =>
            {
                // An import may turn a stream into a table; a PUT to /tables must not silently drop a stream.
                if (snapshot.Streams.TryGetValue(request.Name, out var stored) && stored.Kind != request.Kind)
                {
                    throw new InvalidRequestException(
                        $"{errorPrefix}: Replace {request.Name} fails: {request.Name} is a {StreamWords.Lower(stored.Kind)}, not a {StreamWords.Lower(request.Kind)}.");
                }
            },
            errorPrefix, cancellationToken));
        return $"{StreamWords.Title(request.Kind)} {request.Name} is replaced.";
    }
}
