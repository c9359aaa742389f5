using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Store;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.SaveSchema;

/// <summary>POST /schemas/{type}: {"name","content"} or {"name","file"} (and soFile, version); the name must be new.</summary>
/// <returns>eKuiper's answer, e.g. "protobuf schema book is created".</returns>
public sealed record CreateSchema(string SchemaType, string Json) : IRequest<string>, IStoreWrite;

public sealed class CreateSchemaHandler(SchemaWrites schemas) : IRequestHandler<CreateSchema, string>
{
    public async Task<string> Handle(CreateSchema request, CancellationToken cancellationToken)
    {
        var schema = SchemaBody.Decode(request.Json, request.SchemaType, string.Empty);
        if (schema.Problem() is { } problem)
        {
            throw new InvalidRequestException($"Invalid body: {problem}");
        }
        SchemaWrites.RequireValidName(schema.Name);
        await schemas.WriteAsync(schema, creates: true, "schema create command error", cancellationToken);
        return $"{schema.Type} schema {schema.Name} is created";
    }
}
