using Ekuiper.Application.DataExport.Queries.ExportRulesetYaml;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Formatting;

/// <summary>An export held whole, sent as a download (application/octet-stream, attachment) as eKuiper sends it.</summary>
public sealed class ExportedFileResult(ExportedFile file) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        ExportFileResult.AsDownload(response, file.FileName);
        response.ContentLength = file.Content.Length;
        await response.Body.WriteAsync(file.Content, context.HttpContext.RequestAborted);
    }
}
