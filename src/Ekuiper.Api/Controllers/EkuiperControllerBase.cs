using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>
/// eKuiper answers most commands with a plain-text sentence and serves stored JSON as it is; these helpers give the
/// per-resource controllers those answers.
/// </summary>
[ApiController]
public abstract class EkuiperControllerBase : ControllerBase
{
    /// <summary>A plain-text answer, e.g. 201 "Stream demo is created."</summary>
    protected static ContentResult Text(int status, string text) =>
        new() { StatusCode = status, Content = text, ContentType = "text/plain; charset=utf-8" };

    /// <summary>A JSON document that is already text (stored rule JSON, conf keys), served unchanged.</summary>
    protected static ContentResult JsonText(string json) =>
        new() { StatusCode = StatusCodes.Status200OK, Content = json, ContentType = "application/json; charset=utf-8" };

    /// <summary>
    /// The request body as text. Rules, scripts and conf keys are stored exactly as sent, so their bodies are not bound
    /// to a model; the domain checks read them.
    /// </summary>
    protected async Task<string> ReadBodyAsync(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
