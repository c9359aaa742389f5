using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Store;
using MediatR;

namespace Ekuiper.Application.Artifacts.Commands.SaveSchema;

/// <summary>PUT /schemas/{type}/{name}: replaces the schema, or creates it when absent (as eKuiper does).</summary>
/// <returns>eKuiper's answer, e.g. "protobuf schema book is updated".</returns>
public sealed record UpdateSchema(string SchemaType, string Name, string Json) : IRequest<string>, IStoreWrite;

public sealed class UpdateSchemaHandler(SchemaWrites schemas) : IRequestHandler<UpdateSchema, string>
{
    public async Task<string> Handle(UpdateSchema request, CancellationToken cancellationToken)
    {
        SchemaWrites.RequireValidName(request.Name);
        var schema = SchemaBody.Decode(request.Json, request.SchemaType, request.Name);
        if (schema.Type != request.SchemaType || schema.Name != request.Name)
        {
            throw new InvalidRequestException("Invalid body: Type or name does not match");
        }
        if (schema.Problem() is { } problem)
        {
            throw new InvalidRequestException($"Invalid body: {problem}");
        }
        await schemas.WriteAsync(schema, creates: false, "schema update command error", cancellationToken);
        return $"{schema.Type} schema {schema.Name} is updated";
    }
}
