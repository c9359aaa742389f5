using Ekuiper.Application.DataExport.Queries.ExportRuleset;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Ekuiper.Api.Formatting;

/// <summary>
/// An export sent as a download (application/octet-stream, attachment ekuiper_export.json, as eKuiper sends it),
/// written straight onto the response as it is read from the store rather than built in memory first.
/// </summary>
public sealed class ExportFileResult(ExportedRuleset export) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        AsDownload(response, ExportedRuleset.FileName);
        await export.WriteToAsync(response.Body, context.HttpContext.RequestAborted);
    }

    /// <summary>The headers of every export download: application/octet-stream, an attachment named <paramref name="fileName"/>.</summary>
    internal static void AsDownload(HttpResponse response, string fileName)
    {
        response.ContentType = "application/octet-stream";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
    }
}
