using Ekuiper.Application.Artifacts;
using Ekuiper.Application.Artifacts.Commands.CreateScript;
using Ekuiper.Application.Artifacts.Commands.CreateUpload;
using Ekuiper.Application.Artifacts.Commands.DeleteSchema;
using Ekuiper.Application.Artifacts.Commands.DeleteScript;
using Ekuiper.Application.Artifacts.Commands.DeleteService;
using Ekuiper.Application.Artifacts.Commands.DeleteUpload;
using Ekuiper.Application.Artifacts.Commands.ReceiveUpload;
using Ekuiper.Application.Artifacts.Commands.SaveSchema;
using Ekuiper.Application.Artifacts.Commands.SaveService;
using Ekuiper.Application.Artifacts.Commands.UpdateScript;
using Ekuiper.Application.Artifacts.Queries.GetSchema;
using Ekuiper.Application.Artifacts.Queries.GetScript;
using Ekuiper.Application.Artifacts.Queries.ListSchemas;
using Ekuiper.Application.Artifacts.Queries.ListScripts;
using Ekuiper.Application.Artifacts.Queries.GetService;
using Ekuiper.Application.Artifacts.Queries.GetServiceFunction;
using Ekuiper.Application.Artifacts.Queries.ListServiceFunctions;
using Ekuiper.Application.Artifacts.Queries.ListServices;
using Ekuiper.Application.Artifacts.Queries.ListUploads;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>The body of a JSON upload: a name and either the text (content) or a URI to download (file).</summary>
public sealed record UploadBody(string? Name, string? Content, string? File);

/// <summary>The answer to a schema upload, as eKuiper sends it.</summary>
public sealed record SchemaUploadAnswer(string Type, string Name);

/// <summary>eKuiper's endpoints for schemas, services, uploads and JavaScript functions (plugins: <see cref="PluginsController"/>).</summary>
public sealed class ArtifactsController(IMediator mediator) : EkuiperControllerBase
{
    /// <summary>The multipart field eKuiper reads an uploaded file from.</summary>
    public const string UploadField = "uploadFile";

    [HttpGet("/schemas/{type}")]
    public async Task<IReadOnlyList<string>> Schemas(string type, CancellationToken cancellationToken) =>
        await mediator.Send(new ListSchemas(type), cancellationToken);

    [HttpPost("/schemas/{type}")]
    public async Task<IActionResult> CreateSchema(string type, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status201Created, await mediator.Send(new CreateSchema(type, await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpGet("/schemas/{type}/{name}")]
    public async Task<SchemaDto> Schema(string type, string name, CancellationToken cancellationToken) =>
        await mediator.Send(new GetSchema(type, name), cancellationToken);

    [HttpPut("/schemas/{type}/{name}")]
    public async Task<IActionResult> UpdateSchema(string type, string name, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new UpdateSchema(type, name, await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpDelete("/schemas/{type}/{name}")]
    public async Task<IActionResult> DeleteSchema(string type, string name, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new DeleteSchema(type, name), cancellationToken));

    /// <summary>The largest version field a schema upload may carry, as in eKuiper.</summary>
    private const int MaxSchemaVersionLength = 4 << 10;

    /// <summary>
    /// Multipart upload of a schema: the "file" field (once) and an optional "version" field; 201 when the schema is
    /// new, 200 when it replaced one, with {"type","name"} and a Location header.
    /// </summary>
    [HttpPut("/schemas/{type}/{name}/upload")]
    public async Task<IActionResult> UploadSchema(string type, string name, CancellationToken cancellationToken)
    {
        if (Identifiers.Check(name) is { } nameError)
        {
            throw new InvalidRequestException(nameError);
        }
        if (!Request.HasFormContentType || !Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException("Invalid content type: content type must be multipart/form-data",
                StatusCodes.Status415UnsupportedMediaType);
        }
        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            throw new InvalidRequestException($"Invalid multipart body: {e.Message}");
        }
        var files = form.Files.GetFiles("file");
        if (files.Count > 1)
        {
            throw new InvalidRequestException("Invalid multipart body: file field must appear exactly once");
        }
        if (files.Count == 0)
        {
            throw new InvalidRequestException("Invalid multipart body: file field is required");
        }
        var versions = form["version"];
        if (versions.Count > 1)
        {
            throw new InvalidRequestException("Invalid multipart body: version field must not be repeated");
        }
        var version = versions.Count == 1 ? versions[0] : null;
        if (version is not null && System.Text.Encoding.UTF8.GetByteCount(version) > MaxSchemaVersionLength)
        {
            throw new InvalidRequestException("Invalid multipart body: version field is too large");
        }
        using var content = new MemoryStream();
        await using (var stream = files[0].OpenReadStream())
        {
            await stream.CopyToAsync(content, cancellationToken);
        }
        var created = await mediator.Send(new UploadSchema(type, name, files[0].FileName, content.ToArray(), version), cancellationToken);
        Response.Headers.Location = $"/schemas/{type}/{name}";
        return new JsonResult(new SchemaUploadAnswer(type, name)) { StatusCode = created ? StatusCodes.Status201Created : StatusCodes.Status200OK };
    }

    [HttpGet("/services")]
    public async Task<IReadOnlyList<string>> Services(CancellationToken cancellationToken) =>
        await mediator.Send(new ListServices(), cancellationToken);

    [HttpPost("/services")]
    public async Task<IActionResult> CreateService(CancellationToken cancellationToken) =>
        Text(StatusCodes.Status201Created, await mediator.Send(new CreateService(await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpGet("/services/{name}")]
    public async Task<IActionResult> Service(string name, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new GetService(name), cancellationToken));

    [HttpGet("/services/functions")]
    public async Task<IActionResult> ServiceFunctions(CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new ListServiceFunctions(), cancellationToken));

    [HttpGet("/services/functions/{name}")]
    public async Task<IActionResult> ServiceFunction(string name, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new GetServiceFunction(name), cancellationToken));

    [HttpPut("/services/{name}")]
    public async Task<IActionResult> UpdateService(string name, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new UpdateService(name, await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpDelete("/services/{name}")]
    public async Task<IActionResult> DeleteService(string name, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new DeleteService(name), cancellationToken));

    [HttpGet("/config/uploads")]
    public async Task<IReadOnlyList<string>> Uploads(CancellationToken cancellationToken) =>
        await mediator.Send(new ListUploads(), cancellationToken);

    /// <summary>JSON upload: {"name","content"} or {"name","file"}; 201 with the file's absolute path.</summary>
    [HttpPost("/config/uploads")]
    public async Task<IActionResult> Upload([FromBody] UploadBody body, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status201Created, await mediator.Send(new CreateUpload(body.Name, body.Content, body.File), cancellationToken));

    /// <summary>Multipart upload of the file in the uploadFile field; 201 with its absolute path.</summary>
    [HttpPost("/config/uploads")]
    [Consumes("multipart/form-data")]
    public async Task<IActionResult> UploadFile(CancellationToken cancellationToken)
    {
        IFormFile? file;
        try
        {
            file = (await Request.ReadFormAsync(cancellationToken)).Files.GetFile(UploadField);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            throw new InvalidRequestException($"Error parse the multi part form: {e.Message}");
        }
        if (file is null)
        {
            throw new InvalidRequestException($"Error Retrieving the File: the form has no {UploadField} file");
        }
        await using var content = file.OpenReadStream();
        return Text(StatusCodes.Status201Created, await mediator.Send(new ReceiveUpload(file.FileName, content), cancellationToken));
    }

    /// <summary>
    /// Deletes an upload; a file in a sub-folder is named by its path, as /config/uploads/a/b/c.txt or with the
    /// slashes escaped (a%2Fb%2Fc.txt), which the server keeps escaped in the path.
    /// </summary>
    [HttpDelete("/config/uploads/{**name}")]
    public async Task<IActionResult> DeleteUpload(string name, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(
            new DeleteUpload(name.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)), cancellationToken));

    [HttpGet("/udf/javascript")]
    public async Task<IReadOnlyList<string>> Scripts(CancellationToken cancellationToken) =>
        await mediator.Send(new ListScripts(), cancellationToken);

    [HttpPost("/udf/javascript")]
    public async Task<IActionResult> CreateScript(CancellationToken cancellationToken) =>
        Text(StatusCodes.Status201Created, await mediator.Send(new CreateScript(await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpGet("/udf/javascript/{id}")]
    public async Task<ScriptDto> Script(string id, CancellationToken cancellationToken) =>
        await mediator.Send(new GetScript(id), cancellationToken);

    [HttpPut("/udf/javascript/{id}")]
    public async Task<IActionResult> UpdateScript(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new UpdateScript(id, await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpDelete("/udf/javascript/{id}")]
    public async Task<IActionResult> DeleteScript(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new DeleteScript(id), cancellationToken));
}
