using Ekuiper.Application.Store;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Sql;
using MediatR;

namespace Ekuiper.Application.Streams.Commands.CreateStream;

/// <summary>
/// POST /streams and POST /tables with {"sql":"CREATE …"}. <paramref name="Kind"/> is the collection posted to; as in
/// eKuiper, the statement decides what is created (CREATE TABLE posted to /streams creates a table). A TEMP="true"
/// statement is accepted, as eKuiper's create accepts it, and stored like any other (docs/compatibility.md).
/// </summary>
/// <returns>eKuiper's answer, e.g. "Stream demo is created."</returns>
public sealed record CreateStream(StreamKind Kind, string? Sql) : IRequest<string>, IStoreWrite;

public sealed class CreateStreamHandler(SingleEntryImport entries) : IRequestHandler<CreateStream, string>
{
    public async Task<string> Handle(CreateStream request, CancellationToken cancellationToken)
    {
        var errorPrefix = StreamWords.CommandError(request.Kind);
        var parsed = DdlParser.Parse(request.Sql!);
        if (!parsed.Succeeded)
        {
            throw new StreamTableException($"{errorPrefix}: {parsed.Error!.Message}");
        }
        var statement = parsed.Value!;
        await StreamTableRefusals.Of(entries.WriteAsync(
            SectionKinds.SectionOf(statement.Kind),
            statement.Name,
            request.Sql!,
            snapshot =>
            {
                // Streams and tables share one name space: a create never replaces either.
                if (snapshot.Streams.ContainsKey(statement.Name))
                {
                    throw new InvalidRequestException(
                        $"{errorPrefix}: Create {StreamWords.Lower(statement.Kind)} fails: Item {statement.Name} already exists.");
                }
            },
            errorPrefix, cancellationToken, creates: true));
        return $"{StreamWords.Title(statement.Kind)} {statement.Name} is created.";
    }
}
