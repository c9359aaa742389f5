using Ekuiper.Application.DataExport.Queries.ExportRulesetYaml;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Ekuiper.Api.Formatting;

/// <summary>An export held whole, sent as a download (application/octet-stream, attachment) as eKuiper sends it.</summary>
public sealed class ExportedFileResult(ExportedFile file) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "application/octet-stream";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.ContentLength = file.Content.Length;
        await response.Body.WriteAsync(file.Content, context.HttpContext.RequestAborted);
    }
}
