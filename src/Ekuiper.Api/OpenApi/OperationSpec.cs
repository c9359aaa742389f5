using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Ekuiper.Api.OpenApi;

/// <summary>
/// What the document says of one operation (<see cref="ApiOperations"/>): its summary, body, headers and every answer
/// it can give. <see cref="EkuiperDocumentTransformer"/> writes it over what the framework inferred.
/// </summary>
public sealed class OperationSpec(string summary)
{
    public string Summary { get; } = summary;
    public string? Description { get; private set; }
    public RequestSpec? Request { get; private set; }
    public bool AcceptsIfMatch { get; private set; }
    public List<ResponseSpec> Responses { get; } = [];
    public Dictionary<string, ParameterSpec> Parameters { get; } = new(StringComparer.Ordinal);

    public OperationSpec Describe(string description)
    {
        Description = description;
        return this;
    }

    public OperationSpec Body(string description, params MediaSpec[] media)
    {
        Request = new RequestSpec(description, media);
        return this;
    }

    /// <summary>The request may carry If-Match (a store revision); a stale one is 412, a malformed one 400.</summary>
    public OperationSpec IfMatch()
    {
        AcceptsIfMatch = true;
        return this;
    }

    /// <summary>Describes a path or query parameter the route already has (its schema stays the framework's unless given).</summary>
    public OperationSpec Param(string name, string description, JsonNode? example = null, params string[] values)
    {
        Parameters[name] = new ParameterSpec(description, example, values);
        return this;
    }

    public OperationSpec Answer(int status, string description, params MediaSpec[] media) =>
        Add(new ResponseSpec(status, description, media));

    /// <summary>An answer that also carries the store's revision as ETag.</summary>
    public OperationSpec AnswerWithETag(int status, string description, params MediaSpec[] media) =>
        Add(new ResponseSpec(status, description, media) { ETag = true });

    /// <summary>A file download: Content-Disposition attachment, with the ETag when <paramref name="etag"/>.</summary>
    public OperationSpec Download(string description, string fileName, bool etag, MediaSpec media) =>
        Add(new ResponseSpec(StatusCodes.Status200OK, description, [media]) { ETag = etag, AttachmentName = fileName });

    /// <summary>An answer with no body at all (no Content-Type), as eKuiper's bare 200s.</summary>
    public OperationSpec Empty(int status, string what) =>
        Add(new ResponseSpec(status, $"{ApiOperations.EmptyBodyPrefix} {what}", []));

    /// <summary>An error answer in eKuiper's shape, with the message of one case as its example.</summary>
    public OperationSpec Error(int status, string when, string exampleMessage, int? code = null) =>
        Add(new ResponseSpec(status, when, []) { ErrorExample = (code ?? DefaultCode(status), exampleMessage) });

    private static int DefaultCode(int status) => status == StatusCodes.Status404NotFound ? 1002 : 1000;

    private OperationSpec Add(ResponseSpec response)
    {
        Responses.Add(response);
        return this;
    }
}

public sealed record RequestSpec(string Description, IReadOnlyList<MediaSpec> Media);

public sealed record ParameterSpec(string Description, JsonNode? Example, IReadOnlyList<string> Values);

public sealed record ResponseSpec(int Status, string Description, IReadOnlyList<MediaSpec> Media)
{
    public bool ETag { get; init; }
    public string? AttachmentName { get; init; }
    public (int Code, string Message)? ErrorExample { get; init; }
}

/// <summary>
/// One media type of a body: its schema (null: the one the framework generated for the action's return type) and its
/// examples, in order; the first is what Scalar sends or shows.
/// </summary>
public sealed record MediaSpec(string MediaType, IOpenApiSchema? Schema, IReadOnlyList<ExampleSpec> Examples)
{
    public MediaSpec(string mediaType, IOpenApiSchema? schema, params ExampleSpec[] examples)
        : this(mediaType, schema, (IReadOnlyList<ExampleSpec>)examples)
    {
    }
}

public sealed record ExampleSpec(string Name, string Summary, JsonNode? Value);
