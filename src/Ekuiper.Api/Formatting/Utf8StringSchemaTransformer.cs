using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ekuiper.Api.Formatting;

/// <summary>
/// Documents a value held as UTF-8 bytes (an import's content, read by <see cref="ImportBodyInputFormatter"/>) as what
/// it is on the wire: a JSON string.
/// </summary>
public sealed class Utf8StringSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(ReadOnlyMemory<byte>))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Properties?.Clear();
            schema.Required?.Clear();
        }
        return Task.CompletedTask;
    }
}
